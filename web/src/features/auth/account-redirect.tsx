// "/account": your account page (profile, email address, notification preferences) in the workspace last
// opened on this device, else the first; the address links outside a workspace (emails, the unsubscribe
// page) lead to. Not signed in: the login page, which comes back here.
import { useLocation } from '@solidjs/router'
import { IntoWorkspace } from './root-redirect'

export default function AccountRedirect() {
  const location = useLocation()
  return (
    <IntoWorkspace
      login={`/login?next=${encodeURIComponent(`/account${location.hash}`)}`}
      path={(id) => `/w/${id}/settings/account${location.hash}`}
    />
  )
}
