// The download icon, apart from the export pages so the navigation does not load them with it.
export const DownloadIcon = () => (
  <svg
    viewBox="0 0 16 16"
    width="16"
    height="16"
    fill="none"
    stroke="currentColor"
    stroke-width="1.5"
    aria-hidden="true"
  >
    <path d="M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13.5h10" stroke-linecap="round" stroke-linejoin="round" />
  </svg>
)
