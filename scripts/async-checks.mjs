// Checks of asynchronous code that TypeScript lets pass (run by `npm run check`; exits 1 on a finding), in
// the server, the database layer and the tests:
// - A promise nobody awaits loses its errors and lets a response leave before its write commits: every
//   statement whose value is a promise and is neither awaited nor marked `void`, and every promise handed
//   to a response (`c.json(promise)` sends `{}`).
// - A promise tested as a condition is always true (`if (repo.find(db, id))`): every promise in an `if`,
//   a loop's or a `?:`'s condition, under `!`, or on either side of `&&`, `||` and `??`.
// - The synchronous SQLite calls of drizzle (`.get()`, `.all()`, `.run()`, `.values()`) do not exist on
//   PostgreSQL: outside db/ (and the tests' own SQLite connections) queries are awaited (db/query.ts).
import ts from 'typescript'

const config = ts.getParsedCommandLineOfConfigFile(
  'tsconfig.json',
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
    },
  },
)
const program = ts.createProgram(config.fileNames, config.options)
const checker = program.getTypeChecker()
const isPromise = (type) =>
  type.isUnion() ? type.types.some(isPromise) : type.getProperty('then') !== undefined

// The sync calls of drizzle's SQLite query builders, prepared queries and databases, and of
// better-sqlite3 itself: SQLite-only. Found by where the called method is declared.
const SYNC_CALLS = new Set(['get', 'all', 'run', 'values'])
const SQLITE_ONLY = /node_modules\/(drizzle-orm\/(sqlite-core|better-sqlite3)|@types\/better-sqlite3)\//
const isSqliteOnly = (name) => {
  const declaration = checker.getSymbolAtLocation(name)?.declarations?.[0]
  if (!declaration || !SQLITE_ONLY.test(declaration.getSourceFile().fileName)) return false
  // An insert's `.values(rows)` is no read.
  const owner = declaration.parent
  return !(owner && ts.isClassDeclaration(owner) && owner.name?.text === 'SQLiteInsertBuilder')
}

const found = []
for (const file of program.getSourceFiles()) {
  if (file.isDeclarationFile || !/\/(server|db|tests\/(api|domain|helpers|bench))\//.test(file.fileName))
    continue
  const report = (node) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart())
    const where = file.fileName.slice(process.cwd().length + 1)
    found.push(`${where}:${line + 1}: ${node.getText().slice(0, 80).replace(/\s+/g, ' ')}`)
  }
  const syncBanned = /\/server\//.test(file.fileName)
  // A promise for certain: `if (wait) await wait` tests a promise that may be undefined, and means it.
  const surely = (type) =>
    type.isUnion() ? type.types.every(surely) : type.getProperty('then') !== undefined
  const promiseAt = (node) => node && surely(checker.getTypeAtLocation(node))
  const visit = (node) => {
    if (
      syncBanned &&
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      SYNC_CALLS.has(node.expression.name.text) &&
      isSqliteOnly(node.expression.name)
    )
      report(node)
    if (
      ((ts.isIfStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node)) &&
        promiseAt(node.expression)) ||
      (ts.isConditionalExpression(node) && promiseAt(node.condition)) ||
      (ts.isForStatement(node) && promiseAt(node.condition)) ||
      (ts.isPrefixUnaryExpression(node) &&
        node.operator === ts.SyntaxKind.ExclamationToken &&
        promiseAt(node.operand)) ||
      (ts.isBinaryExpression(node) &&
        [
          ts.SyntaxKind.AmpersandAmpersandToken,
          ts.SyntaxKind.BarBarToken,
          ts.SyntaxKind.QuestionQuestionToken,
        ].includes(node.operatorToken.kind) &&
        promiseAt(node.left))
    )
      report(node)
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ['json', 'body', 'html', 'text'].includes(node.expression.name.text) &&
      node.arguments[0] &&
      isPromise(checker.getTypeAtLocation(node.arguments[0]))
    )
      report(node)
    if (ts.isExpressionStatement(node)) {
      const e = node.expression
      // A promise kept (assigned to a variable or field) is awaited by whoever holds it later.
      const kept = ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken
      if (
        !kept &&
        !ts.isVoidExpression(e) &&
        !ts.isAwaitExpression(e) &&
        isPromise(checker.getTypeAtLocation(e))
      )
        report(node)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
}
if (found.length) {
  console.error(
    'Promises nobody awaits or tested as conditions (await them, or mark a deliberate one with void), ' +
      `and SQLite-only calls (await the query: db/query.ts):\n${found.join('\n')}`,
  )
  process.exit(1)
}
console.log('Asynchronous code checked.')
