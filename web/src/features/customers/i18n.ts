// The customers feature's words in both languages; wired into the app dictionaries as `customers.*`.
export const customersEn = {
  title: 'Customers',
}

export const customersZh: typeof customersEn = {
  title: '客户',
}
