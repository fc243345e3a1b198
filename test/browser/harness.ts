import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import { type RunningServer, startServer } from '../../src/app.ts'
import { DEMO_PASSWORD } from '../../src/trading/demo/index.ts'
import { launchChromium } from './chromium.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** Where the screenshots go. */
export const SHOTS = join(ROOT, 'test-results')

export interface DemoUiOptions {
  /** Prefix of the temporary PGlite folder, e.g. 'huiguo-cbam-ui-'. */
  prefix: string
  /** Run the simulated market participants (default false: most pages do not need them). */
  simulate?: boolean
  locale?: string
  viewport?: { width: number; height: number }
}

export interface DemoUi {
  readonly server: RunningServer
  /** The server's base URL. */
  readonly url: string
  readonly browser: Browser
  readonly context: BrowserContext
  readonly page: Page
  /** Script errors of the page (and of any page a test adds with `pageErrors.push`). */
  readonly pageErrors: string[]
  testId(id: string): Locator
  /** The trimmed text of the first element with the test id. */
  text(id: string): Promise<string>
  /** Waits until a test id's text satisfies the check, then returns it. */
  waitText(id: string, check: (t: string) => boolean, timeout?: number): Promise<string>
  /** A full-page screenshot into test-results/. */
  shot(name: string): Promise<Buffer>
  /** GET with the browser's session cookie (the context's request API shares its cookies). */
  api<T>(path: string): Promise<T>
  /** Logs out if someone is logged in, then logs a demo user in through the login page. */
  login(username: string, next: string): Promise<void>
}

interface Opened {
  dataDir?: string
  server?: RunningServer
  browser?: Browser
  context?: BrowserContext
  page?: Page
}

/**
 * The demo center on a fresh PGlite folder and a Chromium page on it, opened before the file's tests
 * and closed after them. The object is usable at module level: its parts are read when a test runs.
 */
export function useDemoUi(options: DemoUiOptions): DemoUi {
  const opened: Opened = {}
  const pageErrors: string[] = []
  const part = <K extends keyof Opened>(key: K): NonNullable<Opened[K]> => {
    const value = opened[key]
    if (value === undefined) throw new Error(`The demo UI has no ${key}: is it used outside a test?`)
    return value as NonNullable<Opened[K]>
  }

  beforeAll(async () => {
    if (process.env.HUIGUO_SKIP_WEB_BUILD !== '1') {
      execFileSync(
        process.execPath,
        [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'web', '--logLevel', 'warn'],
        { cwd: ROOT, stdio: 'inherit' },
      )
    }
    mkdirSync(SHOTS, { recursive: true })
    opened.dataDir = mkdtempSync(join(tmpdir(), options.prefix))
    opened.server = await startServer({
      target: { kind: 'pglite', dataDir: opened.dataDir },
      port: 0,
      host: '127.0.0.1',
      logger: false,
      simulate: options.simulate ?? false,
    })
    opened.browser = await launchChromium()
    opened.context = await opened.browser.newContext({
      locale: options.locale ?? 'zh-CN',
      viewport: options.viewport ?? { width: 1366, height: 900 },
    })
    opened.page = await opened.context.newPage()
    opened.page.on('pageerror', (err) => pageErrors.push(err.message))
  })

  afterAll(async () => {
    await opened.browser?.close()
    await opened.server?.close()
    if (opened.dataDir) rmSync(opened.dataDir, { recursive: true, force: true })
  })

  const testId = (id: string) => part('page').getByTestId(id)
  const text = async (id: string) => ((await testId(id).first().textContent()) ?? '').trim()

  return {
    get server() {
      return part('server')
    },
    get url() {
      return part('server').url
    },
    get browser() {
      return part('browser')
    },
    get context() {
      return part('context')
    },
    get page() {
      return part('page')
    },
    pageErrors,
    testId,
    text,
    async waitText(id, check, timeout = 15_000) {
      await expect.poll(() => text(id).catch(() => ''), { timeout }).toSatisfy(check)
      return text(id)
    },
    shot: (name) => part('page').screenshot({ path: join(SHOTS, name), fullPage: true }),
    async api<T>(path: string): Promise<T> {
      const res = await part('context').request.get(`${part('server').url}/api/v1${path}`)
      if (!res.ok()) throw new Error(`${path} answered ${res.status()}: ${await res.text()}`)
      return (await res.json()) as T
    },
    async login(username, next) {
      const page = part('page')
      if ((await testId('logout').count()) > 0) {
        await testId('logout').click()
        await testId('nav-login').waitFor()
      }
      await page.goto(`${part('server').url}/#/login?next=${encodeURIComponent(next)}`)
      await testId('login-username').fill(username)
      await testId('login-password').fill(DEMO_PASSWORD)
      await testId('login-submit').click()
      await expect.poll(() => text('user-name').catch(() => ''), { timeout: 15_000 }).toBe(username)
    },
  }
}
