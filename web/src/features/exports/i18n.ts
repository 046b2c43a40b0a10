// Export words (the backlog's Export menu, the data export settings page); wired in as `exports.*`.
export const exportsEn = {
  menu: 'Export',
  csv: 'CSV (Excel, WPS)',
  xlsx: 'Excel workbook (.xlsx)',
  menuHint: 'Requirements and tasks of {{ product }}',
  dataTitle: 'Data export',
  dataIntro:
    'Take your data with you. The workspace export holds everything — products, backlogs with ranks and acceptance criteria, iterations, tasks, customers and their asks, comments and the full history — and can be imported into an empty workspace.',
  workspaceTitle: 'Whole workspace (JSON)',
  workspaceBody:
    'Format keel-workspace, version 1. People appear by name and email only; passwords, tokens, share links and webhook secrets are never exported. The JSON holds no attached files: take the .zip to bring them along (both import the same way).',
  workspaceButton: 'Download workspace JSON',
  archiveButton: 'Workspace with attached files (.zip)',
  productsTitle: 'One product as a spreadsheet',
  productsBody:
    'Requirements in backlog order and tasks, with Chinese text intact in Excel (UTF-8 with BOM).',
  noProducts: 'No products yet.',
}
