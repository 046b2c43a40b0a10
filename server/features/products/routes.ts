// HTTP routes for products.
import { z } from '@hono/zod-openapi'
import { deleted, deleteRoute, edited, editRoute, newApp, route, serviceContext } from '../../lib/route'
import { errors, json, jsonBody, Name, Text, WsIdParams, WsParams } from '../../lib/schemas'
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
    (c) => c.json({ items: service.listProducts(serviceContext(c)) }, 200),
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
    (c) => c.json(service.createProduct(serviceContext(c), c.req.valid('json')), 201),
  )
  .openapi(
    route('product.view', {
      method: 'get',
      path: '/workspaces/{ws}/products/{id}',
      tags,
      summary: 'One product',
      request: { params: WsIdParams },
      responses: { 200: json(Product), ...errors },
    }),
    (c) => c.json(service.getProduct(serviceContext(c), c.req.valid('param').id), 200),
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
    deleteRoute('product.manage', {
      path: '/workspaces/{ws}/products/{id}',
      tags,
      summary: 'Delete a product and everything in it',
    }),
    deleted(service.deleteProduct),
  )
