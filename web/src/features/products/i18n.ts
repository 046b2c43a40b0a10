// Words of the product settings (edit a product, its module tree, delete it) in English (Chinese: i18n-zh.ts). The list and
// creation keep theirs in the app dictionaries' `products` section; these are read through
// useProductSettingsT, which follows the app's language.
import * as i18n from '@solid-primitives/i18n'
import { createMemo } from 'solid-js'
import { useI18n } from '../../i18n'

export const productSettingsEn = {
  settings: 'Settings',
  view: 'Details',
  close: 'Close settings',
  details: 'Details',
  keyChangeHint:
    'Changing the key renames every item number of this product (MES-42 becomes NEW-42); links with the old numbers stop working.',
  saved: 'Saved',
  noDescription: 'No description',
  modules: 'Modules',
  modulesIntro:
    'Functional areas of the product, as a tree. Requirements and tasks belong to one module, so demand and work can be read per area.',
  modulesEmpty: 'No modules yet.',
  modulesEmptyManage: 'No modules yet. Add the product’s main areas, e.g. “Scheduling” or “Quality”.',
  addModule: 'Add module',
  addTopLevel: 'New top-level module',
  addChild: 'Add sub-module',
  addChildLabel: 'Add a sub-module under {{ name }}',
  childName: 'Sub-module of {{ name }}',
  rename: 'Rename',
  renameLabel: 'Rename {{ name }}',
  move: 'Move under',
  moveLabel: 'Move {{ name }} under another module',
  topLevel: 'Top level',
  moveCycle: 'A module cannot move under itself or one of its sub-modules.',
  deleteModule: 'Delete',
  deleteModuleLabel: 'Delete {{ name }}',
  deleteModuleTitle: 'Delete the module “{{ name }}”?',
  deleteModuleBody: 'Its requirements and tasks stay, without a module.',
  deleteModuleBodyChildren:
    'Its {{ count }} sub-modules are deleted too. Their requirements and tasks stay, without a module.',
  dangerTitle: 'Delete this product',
  dangerBody:
    'Deletes the product with all its requirements, iterations, tasks, releases and modules. This cannot be undone.',
  deleteProduct: 'Delete product',
  deleteProductTitle: 'Delete {{ name }} ({{ key }})?',
  deleteProductBody:
    'It holds no requirements, tasks, iterations or releases. Its modules are deleted with it.',
  deleteProductCounts:
    '{{ requirements }}, {{ tasks }}, {{ iterations }} and {{ releases }} will be deleted for good, with the customer asks on them and the product’s modules.',
  work: {
    requirements: '{{ count }} requirements',
    requirementsOne: '1 requirement',
    tasks: '{{ count }} tasks',
    tasksOne: '1 task',
    iterations: '{{ count }} iterations',
    iterationsOne: '1 iteration',
    releases: '{{ count }} releases',
    releasesOne: '1 release',
  },
  typeKey: 'Type {{ key }} to confirm',
  deleteProductChanged:
    'The product changed since this was opened. Check what it holds now and confirm again.',
  readOnly: 'You can see this product’s settings but not change them.',
}

export const productSettingsZh: typeof productSettingsEn = {
  settings: '设置',
  view: '详情',
  close: '关闭设置',
  details: '基本信息',
  keyChangeHint: '修改标识会改变该产品所有条目的编号（MES-42 变为 NEW-42），使用旧编号的链接将失效。',
  saved: '已保存',
  noDescription: '暂无描述',
  modules: '模块',
  modulesIntro: '产品的功能区域，以树形组织。需求和任务各属于一个模块，便于按区域查看需求和工作。',
  modulesEmpty: '还没有模块。',
  modulesEmptyManage: '还没有模块。添加产品的主要功能区域，例如“排产”或“质量”。',
  addModule: '添加模块',
  addTopLevel: '新建顶级模块',
  addChild: '添加子模块',
  addChildLabel: '在 {{ name }} 下添加子模块',
  childName: '{{ name }} 的子模块',
  rename: '重命名',
  renameLabel: '重命名 {{ name }}',
  move: '移动到',
  moveLabel: '将 {{ name }} 移到其他模块下',
  topLevel: '顶级',
  moveCycle: '模块不能移到自身或其子模块下。',
  deleteModule: '删除',
  deleteModuleLabel: '删除 {{ name }}',
  deleteModuleTitle: '删除模块“{{ name }}”？',
  deleteModuleBody: '其下的需求和任务会保留，但不再属于任何模块。',
  deleteModuleBodyChildren: '其 {{ count }} 个子模块也会一并删除。相关需求和任务会保留，但不再属于任何模块。',
  dangerTitle: '删除此产品',
  dangerBody: '删除产品及其全部需求、迭代、任务、发布和模块。此操作无法撤销。',
  deleteProduct: '删除产品',
  deleteProductTitle: '删除 {{ name }}（{{ key }}）？',
  deleteProductBody: '该产品没有任何需求、任务、迭代或发布。其模块将一并删除。',
  deleteProductCounts:
    '{{ requirements }}、{{ tasks }}、{{ iterations }}和 {{ releases }}将被永久删除，相关的客户诉求和产品的模块也会一并删除。',
  work: {
    requirements: '{{ count }} 条需求',
    requirementsOne: '1 条需求',
    tasks: '{{ count }} 个任务',
    tasksOne: '1 个任务',
    iterations: '{{ count }} 个迭代',
    iterationsOne: '1 个迭代',
    releases: '{{ count }} 个发布',
    releasesOne: '1 个发布',
  },
  typeKey: '输入 {{ key }} 以确认',
  deleteProductChanged: '打开此对话框后产品内容有变化。请核对当前内容后再次确认。',
  readOnly: '你可以查看此产品的设置，但不能修改。',
}

/** Translates product-settings keys in the app's current language. */
export function useProductSettingsT() {
  const { locale } = useI18n()
  const flat = createMemo(() => i18n.flatten(locale() === 'zh-CN' ? productSettingsZh : productSettingsEn))
  return i18n.translator(flat, i18n.resolveTemplate)
}
