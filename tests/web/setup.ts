// The app loads one language's words before it renders (main.tsx); components under test render at once,
// so both dictionaries are at hand from the start.
import { provideDictionaries } from '../../web/src/i18n'
import { en } from '../../web/src/i18n/en'
import { zhCN } from '../../web/src/i18n/zh-cn'

provideDictionaries({ en, 'zh-CN': zhCN })
