// The attachments feature's words in English (Chinese: i18n-zh.ts); wired into the app dictionaries as
// `attachments.*`.
export const attachmentsEn = {
  title: 'Attachments',
  attach: 'Attach files',
  chooseFiles: 'Choose files to attach',
  images: 'Images',
  files: 'Files',
  emptyCanAttach:
    'No files yet. Drop files anywhere on this page, paste a screenshot into the description or a comment, or choose them with “Attach files”.',
  emptyReadOnly: 'No files are attached.',
  dropTitle: 'Drop to attach to {{ key }}',
  dropHint: 'Drop onto the description or a comment to place the file in the text.',
  uploadingName: 'Uploading {{ name }}…',
  uploading: 'Uploading',
  progress: '{{ percent }}%',
  cancelUpload: 'Cancel',
  dismiss: 'Dismiss',
  uploadedBy: 'by {{ name }}',
  onComment: 'in a comment',
  download: 'Download',
  downloadName: 'Download {{ name }}',
  open: 'Open {{ name }}',
  delete: 'Delete',
  deleteName: 'Delete {{ name }}',
  deleteTitle: 'Delete “{{ name }}”?',
  deleteBody:
    'The file is removed for everyone. Where the description or a comment shows it, it will no longer load.',
  commentFiles: 'Files on this comment',
  size: {
    bytes: '{{ n }} B',
    kb: '{{ n }} KB',
    mb: '{{ n }} MB',
    gb: '{{ n }} GB',
  },
  error: {
    tooLarge: '“{{ name }}” is over the {{ max }} MB limit for one file.',
    tooLargeNoLimit: '“{{ name }}” is too large to attach.',
    mismatch:
      '“{{ name }}” was refused: its content ({{ detected }}) does not match its file extension. Attach the original file or give it the right extension.',
    diskFull:
      '“{{ name }}” was not kept: the server’s disk is full. Ask your administrator to free some space.',
    unavailable: '“{{ name }}” was not kept: the server cannot store files right now. Try again later.',
    forbidden: 'Your role cannot attach files to this item.',
    notFound: 'This item no longer exists, or you can no longer see it.',
    network: '“{{ name }}” did not arrive: the connection was lost. Try again.',
    failed: '“{{ name }}” could not be attached.',
  },
  lightbox: {
    label: 'Image viewer',
    position: '{{ index }} of {{ count }}',
    previous: 'Previous image',
    next: 'Next image',
    close: 'Close',
    keys: '← → to move between images · Esc to close',
  },
  activity: {
    added: '{{ actor }} attached {{ file }} to {{ subject }}',
    addedAlone: '{{ actor }} attached {{ file }}',
    removed: '{{ actor }} deleted the attachment {{ file }} from {{ subject }}',
    removedAlone: '{{ actor }} deleted the attachment {{ file }}',
  },
}
