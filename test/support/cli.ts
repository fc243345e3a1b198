import { spawn } from 'node:child_process'
import { join } from 'node:path'

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'huiguo.js')

/** The environment of a CLI under test: never a DATABASE_URL, so --data decides. */
const { DATABASE_URL: _ignored, ...env } = process.env
export const CLI_ENV: NodeJS.ProcessEnv = env

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs `huiguo <args>` in a child process (the real bin, as a user runs it), with `stdin` written to
 * its standard input (then closed) when given.
 */
export function huiguo(args: readonly string[], stdin?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: CLI_ENV })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    if (stdin !== undefined) child.stdin.end(stdin)
  })
}
