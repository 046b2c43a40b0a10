// Customer asks as the reports read them: who asked, contract values and promises are customer data, so
// a reader without customer.view gets none (the reports then show no customer-derived figures).
import type { ServiceContext } from '../../lib/context'
import { maySee } from '../../lib/permissions'
import { reportRepo } from './repo'

export const visibleAsks = async (ctx: ServiceContext, productId: number) =>
  maySee(ctx.membership.permissions, 'customer') ? reportRepo.asks(ctx.deps.db, productId) : []
