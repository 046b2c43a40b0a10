// Small line icons (16 px, currentColor) drawn inline so the app needs no icon font or external asset.
import type { JSX } from 'solid-js'

function Icon(props: { children: JSX.Element; size?: number }) {
  return (
    <svg
      width={props.size ?? 16}
      height={props.size ?? 16}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      stroke-width="1.4"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      {props.children}
    </svg>
  )
}

export const HomeIcon = () => (
  <Icon>
    <path d="M2.5 7.2 8 2.5l5.5 4.7V13a.5.5 0 0 1-.5.5H9.5V10h-3v3.5H3a.5.5 0 0 1-.5-.5z" />
  </Icon>
)
export const ProductIcon = () => (
  <Icon>
    <path d="M8 1.8 13.5 4.6v6.8L8 14.2 2.5 11.4V4.6z" />
    <path d="M2.5 4.6 8 7.4l5.5-2.8M8 7.4v6.8" />
  </Icon>
)
export const MembersIcon = () => (
  <Icon>
    <circle cx="6" cy="5.5" r="2.5" />
    <path d="M1.8 13.5c.4-2.3 2.1-3.8 4.2-3.8s3.8 1.5 4.2 3.8" />
    <path d="M10.5 3.2a2.4 2.4 0 0 1 0 4.6M12 9.9c1.2.5 2 1.8 2.2 3.6" />
  </Icon>
)
export const RolesIcon = () => (
  <Icon>
    <path d="M8 1.8 13 3.6v4c0 3-2.1 5.3-5 6.6-2.9-1.3-5-3.6-5-6.6v-4z" />
    <path d="m5.8 8 1.6 1.6L10.4 6.5" />
  </Icon>
)
export const KeyIcon = () => (
  <Icon>
    <circle cx="5.2" cy="10.8" r="2.7" />
    <path d="m7.2 8.8 6.3-6.3M11.5 4.5l1.7 1.7M9.8 6.2l1.3 1.3" />
  </Icon>
)
export const DocsIcon = () => (
  <Icon>
    <path d="M3.5 2h6l3 3v9h-9z" />
    <path d="M9.5 2v3h3M5.5 8.5h5M5.5 11h5" />
  </Icon>
)
export const ChevronIcon = () => (
  <Icon size={14}>
    <path d="m4.5 6 3.5 3.5L11.5 6" />
  </Icon>
)
export const PlusIcon = () => (
  <Icon size={14}>
    <path d="M8 3v10M3 8h10" />
  </Icon>
)
export const CheckIcon = () => (
  <Icon size={14}>
    <path d="m3.2 8.4 3 3 6.6-6.8" />
  </Icon>
)
export const MenuIcon = () => (
  <Icon>
    <path d="M2.5 4.5h11M2.5 8h11M2.5 11.5h11" />
  </Icon>
)
export const LogoutIcon = () => (
  <Icon size={14}>
    <path d="M6 2.5H3.5v11H6M10 5l3 3-3 3M13 8H6.5" />
  </Icon>
)

/** The Keel mark: a sail over a hull, in the accent colour. */
export const KeelMark = (props: { size?: number }) => (
  <svg width={props.size ?? 24} height={props.size ?? 24} viewBox="0 0 24 24" aria-hidden="true">
    <rect width="24" height="24" rx="6" fill="var(--accent)" />
    <path d="M12.6 4.5v8.7h5.2z" fill="#fff" />
    <path d="M11.2 6.8v6.4H7.4z" fill="#fff" fill-opacity="0.75" />
    <path d="M4.8 14.6h14.4l-2.1 3.3a1.6 1.6 0 0 1-1.35.75H8.25a1.6 1.6 0 0 1-1.35-.75z" fill="#fff" />
  </svg>
)
export const BoardIcon = () => (
  <Icon>
    <rect x="2" y="2.5" width="12" height="11" rx="1" />
    <path d="M6 2.5v11M10 2.5v11" />
  </Icon>
)
export const BacklogIcon = () => (
  <Icon>
    <path d="M5 4h8.5M5 8h8.5M5 12h8.5" />
    <circle cx="2.5" cy="4" r=".6" />
    <circle cx="2.5" cy="8" r=".6" />
    <circle cx="2.5" cy="12" r=".6" />
  </Icon>
)
export const PlanIcon = () => (
  <Icon>
    <rect x="2" y="3" width="12" height="10.5" rx="1" />
    <path d="M2 6.5h12M5.5 1.8v2.4M10.5 1.8v2.4" />
  </Icon>
)
/** The plan's calendar, also on date fields. */
export const CalendarIcon = PlanIcon
export const RoadmapIcon = () => (
  <Icon>
    <path d="M2 4.5h7M5 8h8M3.5 11.5h6" />
    <path d="M9 3v3M13 6.5v3M9.5 10v3" />
  </Icon>
)
export const CustomersIcon = () => (
  <Icon>
    <path d="M2.5 13.5V5l4-2.5v11M6.5 6.5l7 2v5M2.5 13.5h11" />
  </Icon>
)
export const SearchIcon = () => (
  <Icon>
    <circle cx="7" cy="7" r="4.5" />
    <path d="m10.5 10.5 3 3" />
  </Icon>
)
export const ReportsIcon = () => (
  <Icon>
    <path d="M2.5 13.5h11" />
    <path d="M4 11V8M7 11V5M10 11V7M13 11V3.5" />
  </Icon>
)
export const DownloadIcon = () => (
  <Icon>
    <path d="M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13.5h10" />
  </Icon>
)
export const UploadIcon = () => (
  <Icon>
    <path d="M8 10.5v-8M4.5 6 8 2.5 11.5 6M3 13.5h10" />
  </Icon>
)
export const WebhookIcon = () => (
  <Icon>
    <circle cx="4" cy="11.5" r="1.75" />
    <circle cx="12" cy="11.5" r="1.75" />
    <circle cx="8" cy="4" r="1.75" />
    <path d="M7 5.5 4.8 9.8M9 5.5l2.2 4.3M5.75 11.5h4.5" />
  </Icon>
)
export const ServerIcon = () => (
  <Icon>
    <rect x="2.5" y="2.5" width="11" height="4.5" rx="1" />
    <rect x="2.5" y="9" width="11" height="4.5" rx="1" />
    <path d="M5 4.75h.01M5 11.25h.01M8 4.75h3M8 11.25h3" />
  </Icon>
)
export const BellIcon = () => (
  <Icon>
    <path d="M4 11.5V7a4 4 0 0 1 8 0v4.5l1 1.2H3z" />
    <path d="M6.6 14a1.5 1.5 0 0 0 2.8 0" />
  </Icon>
)
export const EyeIcon = () => (
  <Icon>
    <path d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z" />
    <circle cx="8" cy="8" r="2" />
  </Icon>
)
export const InboxIcon = () => (
  <Icon>
    <path d="M2 9.5 3.8 3h8.4L14 9.5V13H2z" />
    <path d="M2 9.5h3.5l1 1.5h3l1-1.5H14" />
  </Icon>
)
export const PaperclipIcon = () => (
  <Icon>
    <path d="M13 7.5 8 12.5a3 3 0 0 1-4.3-4.2L9 3a2 2 0 0 1 2.8 2.8L6.6 11a1 1 0 0 1-1.4-1.4L10 4.8" />
  </Icon>
)
/** A list with a check: the audit log. */
export const AuditIcon = () => (
  <Icon>
    <path d="M4 2.5h8a.5.5 0 0 1 .5.5v10a.5.5 0 0 1-.5.5H4a.5.5 0 0 1-.5-.5V3a.5.5 0 0 1 .5-.5z" />
    <path d="M6 5.5h4.5M6 8h4.5M5.8 10.8l1 1 1.8-2" />
  </Icon>
)
export const TrashIcon = () => (
  <Icon>
    <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5a1 1 0 0 0 1 .9h3.8a1 1 0 0 0 1-.9l.6-8.5" />
  </Icon>
)
