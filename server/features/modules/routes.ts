// HTTP routes for the module tree of a product.
import { z } from '@hono/zod-openapi'
import { deleted, deleteRoute, edited, editRoute, newApp, route, serviceContext } from '../../lib/route'
import { errors, Id, json, jsonBody, Name, ProductParams } from '../../lib/schemas'
import * as service from './service'

const tags = ['Modules']

const Module = z
  .object({
    id: z.number(),
    productId: z.number(),
    parentId: z.number().nullable(),
    name: z.string(),
    createdAt: z.string(),
    version: z.number(),
  })
  .openapi('Module')

type Node = z.infer<typeof Module> & { children: Node[] }
const ModuleNode: z.ZodType<Node> = Module.extend({ children: z.lazy(() => z.array(ModuleNode)) }).openapi(
  'ModuleNode',
)

export const moduleRoutes = newApp()
  .openapi(
    route('product.view', {
      method: 'get',
      path: '/workspaces/{ws}/products/{productId}/modules',
      tags,
      summary: 'The module tree of a product',
      request: { params: ProductParams },
      responses: { 200: json(z.object({ items: z.array(ModuleNode) })), ...errors },
    }),
    async (c) =>
      c.json({ items: await service.moduleTree(serviceContext(c), c.req.valid('param').productId) }, 200),
  )
  .openapi(
    route('product.manage', {
      method: 'post',
      path: '/workspaces/{ws}/products/{productId}/modules',
      tags,
      summary: 'Create a module, optionally under another',
      request: {
        params: ProductParams,
        body: jsonBody(z.object({ name: Name, parentId: Id.nullable().optional() })),
      },
      responses: { 201: json(Module, 'Created'), ...errors },
    }),
    async (c) =>
      c.json(
        await service.createModule(serviceContext(c), c.req.valid('param').productId, c.req.valid('json')),
        201,
      ),
  )
  .openapi(
    editRoute('product.manage', {
      path: '/workspaces/{ws}/modules/{id}',
      tags,
      summary: 'Rename or move a module (moving under itself or a descendant: 400)',
      body: z.object({ name: Name.optional(), parentId: Id.nullable().optional() }),
      response: Module,
    }),
    edited(service.updateModule),
  )
  .openapi(
    deleteRoute('product.manage', {
      path: '/workspaces/{ws}/modules/{id}',
      tags,
      summary: 'Delete a module and its sub-modules (their requirements keep existing, without a module)',
    }),
    deleted(service.deleteModule),
  )
