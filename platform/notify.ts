import { browser } from 'wxt/browser';

export interface NotificationText {
  title: string;
  message: string;
}

export async function notify(id: string, text: NotificationText): Promise<void> {
  await browser.notifications
    .create(id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: text.title,
      message: text.message,
    })
    .catch(() => undefined); // Notifications are best effort; the popup still shows the result.
}

/** Calls `onClick` with the id of a notification the user clicked, then closes it (one click, one action). */
export function onNotificationClicked(onClick: (id: string) => void): void {
  browser.notifications.onClicked.addListener((id) => {
    onClick(id);
    void browser.notifications.clear(id).catch(() => undefined);
  });
}
