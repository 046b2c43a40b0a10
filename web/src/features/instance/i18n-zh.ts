// The Chinese of i18n.ts (a module of its own, so a page loads only its language's words).
import type { instanceEn } from './i18n'

export const instanceZh: typeof instanceEn = {
  nav: '实例',
  title: '实例设置',
  intro:
    '本 Keel 安装的全局设置，作用于所有空间：谁可以创建空间、邮件、谁是实例所有者，以及密码重置链接。仅实例所有者可见。',
  creationTitle: '谁可以创建空间',
  creationOwners: '仅实例所有者',
  creationOwnersHint: '其他人通过邀请链接加入空间。',
  creationEveryone: '所有有账号的人',
  creationEveryoneHint: '任何已登录的人都可以创建自己的空间。',
  saved: '已保存。',
  accountsTitle: '账号',
  accountsIntro: '所有拥有 Keel 账号的人。实例所有者可以修改这些设置；首位完成安装的人即是所有者。',
  filter: '查找账号',
  filterPlaceholder: '姓名或邮箱',
  name: '姓名',
  email: '邮箱',
  workspaces: '空间数',
  created: '创建时间',
  owner: '实例所有者',
  you: '你',
  makeOwner: '设为所有者',
  makeOwnerLabel: '将 {{ name }} 设为实例所有者',
  removeOwner: '取消所有者',
  removeOwnerLabel: '取消 {{ name }} 的实例所有者身份',
  removeOwnerBody: '对方保留账号和空间，但不能再查看或修改实例设置。',
  lastOwner: '最后一位实例所有者不能取消：请先将其他人设为所有者。',
  resetLink: '重置链接',
  resetLinkLabel: '为 {{ name }} 生成密码重置链接',
  resetTitle: '{{ email }} 的密码重置链接',
  resetWarning:
    '请立即复制，并私下发送给对方：持有此链接的人都可以设置密码。链接仅可使用一次，{{ date }} 前有效，之后不再显示。',
  resetNote: '设置新密码后，该账号的所有会话都会结束。',
  resetCli: '所有所有者账号都无法登录？请在服务器上运行：npm run keel -- reset-password <邮箱>',
  noMatch: '没有与“{{ q }}”匹配的账号。',
}
