// HTTP routes for products.
import { z } from '@hono/zod-openapi'
import { edited, editRoute, newApp, route, serviceContext } from '../../lib/route'
import { errors, json, jsonBody, Name, noContent, Text, WsIdParams, WsParams } from '../../lib/schemas'
import * as service from './service'

const tags = ['Products']

const ProductKey = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, 'A key is 2–10 upper-case letters or digits, starting with a letter')
  .openapi({ example: 'MES' })

export const Product = z
  .object({
    id: z.number(),
    workspaceId: z.number(),
    key: z.string(),
    name: z.string(),
    description: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .openapi('Product')

/** How much work a product holds: what deleting it takes away for good. */
const ProductContents = z
  .object({ requirements: z.number(), tasks: z.number(), iterations: z.number(), releases: z.number() })
  .openapi('ProductContents')

const ProductWithContents = Product.extend({ contents: ProductContents }).openapi('ProductWithContents')

export const productRoutes = newApp()
  .openapi(
    route('product.view', {
      method: 'get',
      path: '/workspaces/{ws}/products',
      tags,
      summary: 'Products the caller may see',
      request: { params: WsParams },
      responses: { 200: json(z.object({ items: z.array(Product) })), ...errors },
    }),
    async (c) => c.json({ items: await service.listProducts(serviceContext(c)) }, 200),
  )
  .openapi(
    route('product.manage', {
      method: 'post',
      path: '/workspaces/{ws}/products',
      tags,
      summary: 'Create a product',
      request: {
        params: WsParams,
        body: jsonBody(z.object({ key: ProductKey, name: Name, description: Text.optional() })),
      },
      responses: { 201: json(Product, 'Created'), ...errors },
    }),
    async (c) => c.json(await service.createProduct(serviceContext(c), c.req.valid('json')), 201),
  )
  .openapi(
    route('product.view', {
      method: 'get',
      path: '/workspaces/{ws}/products/{id}',
      tags,
      summary: 'One product, with how many requirements, tasks, iterations and releases it holds',
      request: { params: WsIdParams },
      responses: { 200: json(ProductWithContents), ...errors },
    }),
    async (c) => c.json(await service.productWithContents(serviceContext(c), c.req.valid('param').id), 200),
  )
  .openapi(
    editRoute('product.manage', {
      path: '/workspaces/{ws}/products/{id}',
      tags,
      summary: 'Edit a product',
      body: z.object({ key: ProductKey.optional(), name: Name.optional(), description: Text.optional() }),
      response: Product,
    }),
    edited(service.updateProduct),
  )
  .openapi(
    route('product.manage', {
      method: 'delete',
      path: '/workspaces/{ws}/products/{id}',
      tags,
      summary: 'Delete a product and everything in it',
      description:
        'A product holding any requirement, task, iteration or release is deleted only with ?confirm=<its key>; ' +
        'otherwise 409 (reason product_not_empty) with the counts in details, and nothing is deleted.',
      request: {
        params: WsIdParams,
        query: z.object({ confirm: z.string().optional().openapi({ example: 'MES' }) }),
      },
      responses: { 204: noContent, ...errors },
    }),
    async (c) => {
      await service.deleteProduct(serviceContext(c), c.req.valid('param').id, c.req.valid('query').confirm)
      return c.body(null, 204)
    },
  )
