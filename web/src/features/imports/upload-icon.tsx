// The upload icon, apart from the import page so the navigation does not load it with it.
export const UploadIcon = () => (
  <svg
    viewBox="0 0 16 16"
    width="16"
    height="16"
    fill="none"
    stroke="currentColor"
    stroke-width="1.5"
    aria-hidden="true"
  >
    <path d="M8 10.5v-8M4.5 6 8 2.5 11.5 6M3 13.5h10" stroke-linecap="round" stroke-linejoin="round" />
  </svg>
)
