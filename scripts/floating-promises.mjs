// A promise nobody awaits loses its errors and lets a response leave before its write commits. This
// check lists every statement whose value is a promise and is neither awaited nor marked `void`, and every
// promise handed to a response (`c.json(promise)` sends `{}`), in the server, the database layer and the
// tests (run by `npm run check`; exits 1 when it finds one).
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

const found = []
for (const file of program.getSourceFiles()) {
  if (file.isDeclarationFile || !/\/(server|db|tests\/(api|domain|helpers|bench))\//.test(file.fileName))
    continue
  const report = (node) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart())
    const where = file.fileName.slice(process.cwd().length + 1)
    found.push(`${where}:${line + 1}: ${node.getText().slice(0, 80).replace(/\s+/g, ' ')}`)
  }
  const visit = (node) => {
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
      if (!ts.isVoidExpression(e) && !ts.isAwaitExpression(e) && isPromise(checker.getTypeAtLocation(e)))
        report(node)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
}
if (found.length) {
  console.error(
    `Promises nobody awaits (await them, or mark a deliberate one with void):\n${found.join('\n')}`,
  )
  process.exit(1)
}
console.log('No floating promises.')
