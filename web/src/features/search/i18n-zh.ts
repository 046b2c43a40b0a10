// The Chinese of i18n.ts (a module of its own, so a page loads only its language's words).
import type { searchEn } from './i18n'

export const searchZh: typeof searchEn = {
  title: '搜索',
  open: '搜索与跳转',
  placeholder: '搜索需求、任务、客户…或输入编号，例如 MES-42',
  inputLabel: '搜索',
  shortcut: '在任意页面按 {{ keys }} 即可搜索',
  jump: '打开 {{ key }}',
  jumpSection: '跳转到',
  jumpUnknown: '暂无此编号的条目',
  requirements: '需求',
  tasks: '任务',
  customers: '客户',
  actions: '前往',
  goHome: '首页',
  goCustomers: '客户',
  goView: '{{ view }} · {{ product }}',
  noResults: '没有与“{{ query }}”匹配的结果。',
  searching: '搜索中…',
  hintMove: '移动',
  hintOpen: '打开',
  hintClose: '关闭',
}
