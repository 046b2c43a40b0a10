// Entry point: applies the theme, loads the words of the reader's language, then mounts the app into #root.
import { render } from 'solid-js/web'
import { App } from './app'
import { initialLocale, loadLocale } from './i18n'
import './styles.css'
import { startTheme } from './theme'

startTheme()

const root = document.getElementById('root')
if (!root) throw new Error('#root is missing from index.html')
const mount = root
void loadLocale(initialLocale()).then(() => render(() => <App />, mount))
