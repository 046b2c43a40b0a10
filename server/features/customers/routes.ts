// HTTP routes for customers.
import { z } from '@hono/zod-openapi'
import { CUSTOMER_TIERS } from '../../../db/schema'
import { deleted, deleteRoute, edited, editRoute, newApp, route, serviceContext } from '../../lib/route'
import { errors, json, jsonBody, Name, SearchText, WsIdParams, WsParams } from '../../lib/schemas'
import * as service from './service'

const tags = ['Customers']

const fields = {
  name: Name,
  industry: z.string().trim().max(200).optional(),
  tier: z.enum(CUSTOMER_TIERS).optional(),
  contractValue: z.number().min(0).max(1e12).optional(),
  contact: z.string().trim().max(500).optional(),
  note: z.string().max(10_000).optional(),
}

const Customer = z
  .object({
    id: z.number(),
    name: z.string(),
    industry: z.string(),
    tier: z.string(),
    contractValue: z.number(),
    contact: z.string(),
    note: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .openapi('Customer')

const AskedRequirement = z.object({
  id: z.number(),
  key: z.string(),
  productId: z.number(),
  title: z.string(),
  status: z.string(),
  priority: z.string(),
  iterationId: z.number().nullable(),
  releaseId: z.number().nullable(),
  targetDate: z.string().nullable(),
})

const CustomerDetail = Customer.extend({
  asks: z.array(
    z.object({
      id: z.number(),
      importance: z.string(),
      note: z.string(),
      askedOn: z.string(),
      promisedDate: z.string().nullable(),
      ships: z.string().nullable().openapi({
        description:
          'When the requirement is expected to ship (the same date the risks panel weighs promises against); null without roadmap.view or when nothing is scheduled',
      }),
      requirement: AskedRequirement,
    }),
  ),
  planned: z.array(AskedRequirement),
  delivered: z.array(AskedRequirement),
}).openapi('CustomerDetail')

export const customerRoutes = newApp()
  .openapi(
    route('customer.view', {
      method: 'get',
      path: '/workspaces/{ws}/customers',
      tags,
      summary: 'Customers by name, with how many asks each has',
      request: {
        params: WsParams,
        query: z.object({
          q: SearchText.optional(),
          industry: z.string().max(200).optional(),
        }),
      },
      responses: {
        200: json(z.object({ items: z.array(Customer.extend({ askCount: z.number() })) })),
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query')
      return c.json(
        { items: await service.listCustomers(serviceContext(c), q.q || undefined, q.industry) },
        200,
      )
    },
  )
  .openapi(
    route('customer.manage', {
      method: 'post',
      path: '/workspaces/{ws}/customers',
      tags,
      summary: 'Create a customer',
      request: { params: WsParams, body: jsonBody(z.object(fields)) },
      responses: { 201: json(Customer, 'Created'), ...errors },
    }),
    async (c) => c.json(await service.createCustomer(serviceContext(c), c.req.valid('json')), 201),
  )
  .openapi(
    route('customer.view', {
      method: 'get',
      path: '/workspaces/{ws}/customers/{id}',
      tags,
      summary: 'A customer with what they asked for, what is planned for them and what was delivered',
      request: { params: WsIdParams },
      responses: { 200: json(CustomerDetail), ...errors },
    }),
    async (c) => c.json(await service.getCustomer(serviceContext(c), c.req.valid('param').id), 200),
  )
  .openapi(
    editRoute('customer.manage', {
      path: '/workspaces/{ws}/customers/{id}',
      tags,
      summary: 'Edit a customer (tier and contract value re-weigh the scores of what they asked for)',
      body: z.object({ ...fields, name: Name.optional() }),
      response: Customer,
    }),
    edited(service.updateCustomer),
  )
  .openapi(
    deleteRoute('customer.manage', {
      path: '/workspaces/{ws}/customers/{id}',
      tags,
      summary: 'Delete a customer and their asks',
    }),
    deleted(service.deleteCustomer),
  )
