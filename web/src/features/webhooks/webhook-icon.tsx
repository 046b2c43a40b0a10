// The webhooks icon, apart from the page so the navigation does not load the page with it.
export const WebhookIcon = () => (
  <svg
    viewBox="0 0 16 16"
    width="16"
    height="16"
    fill="none"
    stroke="currentColor"
    stroke-width="1.5"
    aria-hidden="true"
  >
    <circle cx="4" cy="11.5" r="1.75" />
    <circle cx="12" cy="11.5" r="1.75" />
    <circle cx="8" cy="4" r="1.75" />
    <path d="M7 5.5 4.8 9.8M9 5.5l2.2 4.3M5.75 11.5h4.5" stroke-linecap="round" />
  </svg>
)
