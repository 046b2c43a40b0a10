// Logging out: ends the session on the server, forgets every cached answer, goes to the login page.
import { useNavigate } from '@solidjs/router'
import { createMutation, useQueryClient } from '@tanstack/solid-query'
import { api, unwrap } from '../../api'

export function useLogout() {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: () => unwrap(api.auth.logout.$post()),
    onSettled: () => {
      queryClient.clear()
      navigate('/login', { replace: true })
    },
  }))
}
