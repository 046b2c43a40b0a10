// A customer's tier as a coloured tag, and contract values as plain grouped numbers (no currency is
// recorded, so none is shown).
import { createMemo } from 'solid-js'
import { useI18n } from '../../i18n'

export function TierTag(props: { tier: string }) {
  const { tryT } = useI18n()
  return (
    <span class="pill cu-tier" data-tier={props.tier}>
      {tryT(`work.tier.${props.tier}`) ?? props.tier}
    </span>
  )
}

export function useMoney() {
  const { locale } = useI18n()
  const format = createMemo(() => new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }))
  return (value: number) => format().format(value)
}
