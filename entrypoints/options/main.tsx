import { render } from 'preact';
import { t, uiLocale } from '../../platform/i18n';
import { readAddKeyHash } from '../../lib/ui/add-key-link';
import { OptionsRoot } from '../../components/options/options-root';
import { createProtocolClient } from '../../components/protocol-client';
import '../../components/options/options.css';

/** Export: hand the JSON to the browser as a file download from this page. */
function saveFile(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

document.documentElement.lang = uiLocale();
document.title = t('optionsTitle');
render(
  <OptionsRoot
    api={createProtocolClient()}
    saveFile={saveFile}
    addKey={readAddKeyHash(location.hash)}
  />,
  document.getElementById('app')!,
);
