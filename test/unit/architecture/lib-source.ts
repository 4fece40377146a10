import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** Reads lib/ for the architecture tests: every .ts file, parsed once with the TypeScript compiler. */
export const LIB_DIR = resolve(__dirname, '../../../lib');

export interface LibFile {
  /** Path below lib/, with forward slashes: `app/engine.ts`. */
  path: string;
  source: ts.SourceFile;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

export function libFiles(): LibFile[] {
  return walk(LIB_DIR).map((full) => ({
    path: relative(LIB_DIR, full).split(sep).join('/'),
    source: ts.createSourceFile(full, readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true),
  }));
}

/** The lib/ folder a path below lib/ belongs to (`settings/migrations/x.ts` → `settings`). */
export function folderOf(path: string): string {
  return path.split('/')[0] ?? '';
}

/**
 * Every module a file names: `import` and `export … from` (type-only ones included), `import()`
 * expressions and `import('…')` types, and `require()`.
 */
export function importedSpecifiers(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal))
        found.push(arg.literal.text);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) found.push(arg.text);
    } else if (ts.isImportEqualsDeclaration(node)) {
      const ref = node.moduleReference;
      if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression))
        found.push(ref.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The path below lib/ a relative specifier points at, or null when it leaves lib/ (or is a package). */
export function resolveInLib(fromPath: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = relative(LIB_DIR, resolve(LIB_DIR, dirname(fromPath), specifier));
  if (target.startsWith('..')) return null;
  return target.split(sep).join('/');
}
