import { render } from 'preact'
import { App } from './App.tsx'
import { I18nProvider } from './i18n/context.tsx'
import './styles.css'

render(
  <I18nProvider>
    <App />
  </I18nProvider>,
  document.getElementById('app')!,
)
