import { Command, InvalidArgumentError } from 'commander'
import { fenToYuanString, type Result, yuanStringToFen } from '../kernel/index.ts'
import { DATA_OPTION, EXIT, ExitError, withDatabase } from '../platform/cli-support.ts'
import { parseKg } from './amounts.ts'
import { type Holding, instrumentOf, isInstrumentCode } from './model.ts'
import type { Posted } from './service.ts'

const yuanOption = (value: string): bigint => {
  const fen = yuanStringToFen(value)
  if (fen === null || fen <= 0n)
    throw new InvalidArgumentError('expected a positive amount of yuan, e.g. 1250000 or 99.95')
  return fen
}

const kgOption = (value: string): bigint => {
  const kg = parseKg(value)
  if (kg === null || kg <= 0n) throw new InvalidArgumentError('expected a positive whole number of kilograms')
  return kg
}

const instrumentOption = (value: string): string => {
  if (!isInstrumentCode(value))
    throw new InvalidArgumentError('expected an instrument code such as AL-A00-GY (A-Z, 0-9, dot, hyphen)')
  return value
}

interface Common {
  data?: string
  reference?: string
  memo?: string
}

/** Prints what a posting did, or why it was refused (exit 2, nothing written). */
async function report(command: string, result: Result<Posted>, done: (posted: Posted) => string) {
  if (!result.ok) {
    process.stderr.write(`huiguo ledger ${command}: ${result.code}: ${result.detail}; nothing was written\n`)
    throw new ExitError(EXIT.USAGE)
  }
  process.stdout.write(`${done(result.value)} (ledger transaction ${result.value.transactionId})\n`)
}

const meta = (opts: Common) => ({
  ...(opts.reference ? { reference: opts.reference } : {}),
  ...(opts.memo ? { memo: opts.memo } : {}),
})

function describeHolding(h: Holding | undefined, cash: boolean): string {
  const show = (n: bigint) => (cash ? `${fenToYuanString(n)} CNY` : `${n} kg`)
  return `available ${show(h?.available ?? 0n)}, reserved ${show(h?.reserved ?? 0n)}`
}

export function ledgerCommand(): Command {
  const command = new Command('ledger').description(
    'The ledger of cash and warehouse receipts: deposits, withdrawals, intakes, balances, verification',
  )
  const withMeta = (c: Command) =>
    c
      .option('--reference <text>', 'what the posting is about (bank slip, receipt number)')
      .option('--memo <text>', 'a note kept with the posting')
      .option(...DATA_OPTION)

  withMeta(
    command
      .command('deposit')
      .description('Credit cash to an enterprise (from the bank)')
      .requiredOption('--enterprise <id>', 'enterprise id')
      .requiredOption('--cny <yuan>', 'amount in yuan, up to 2 decimal places', yuanOption),
  ).action(async (opts: Common & { enterprise: string; cny: bigint }) => {
    await withDatabase(opts.data, async ({ db }) => {
      const { deposit, holdings } = await import('./service.ts')
      const result = await deposit(db, { enterprise: opts.enterprise, amountFen: opts.cny, ...meta(opts) })
      const [cash] = result.ok ? (await holdings(db, opts.enterprise)).filter((h) => h.asset === 'CNY') : []
      await report(
        'deposit',
        result,
        () =>
          `Deposited ${fenToYuanString(opts.cny)} CNY to ${opts.enterprise}: ${describeHolding(cash, true)}`,
      )
    })
  })

  withMeta(
    command
      .command('withdraw')
      .description('Pay cash out of an enterprise’s available balance (to the bank)')
      .requiredOption('--enterprise <id>', 'enterprise id')
      .requiredOption('--cny <yuan>', 'amount in yuan, up to 2 decimal places', yuanOption),
  ).action(async (opts: Common & { enterprise: string; cny: bigint }) => {
    await withDatabase(opts.data, async ({ db }) => {
      const { withdraw, holdings } = await import('./service.ts')
      const result = await withdraw(db, { enterprise: opts.enterprise, amountFen: opts.cny, ...meta(opts) })
      const [cash] = result.ok ? (await holdings(db, opts.enterprise)).filter((h) => h.asset === 'CNY') : []
      await report(
        'withdraw',
        result,
        () =>
          `Withdrew ${fenToYuanString(opts.cny)} CNY from ${opts.enterprise}: ${describeHolding(cash, true)}`,
      )
    })
  })

  for (const [name, verb, description] of [
    ['receipt', 'Took in', 'A warehouse intake: credit warehouse receipts of an instrument to an enterprise'],
    [
      'deliver',
      'Delivered',
      'A delivery (release-out): the goods leave the warehouse, the receipts the ledger',
    ],
  ] as const) {
    withMeta(
      command
        .command(name)
        .description(description)
        .requiredOption('--enterprise <id>', 'enterprise id')
        .requiredOption('--instrument <code>', 'instrument code, e.g. AL-A00-GY', instrumentOption)
        .requiredOption('--kg <n>', 'quantity in whole kilograms', kgOption),
    ).action(async (opts: Common & { enterprise: string; instrument: string; kg: bigint }) => {
      await withDatabase(opts.data, async ({ db }) => {
        const { deliver, intake, holdings } = await import('./service.ts')
        const input = {
          enterprise: opts.enterprise,
          instrument: opts.instrument,
          qtyKg: opts.kg,
          ...meta(opts),
        }
        const result = name === 'receipt' ? await intake(db, input) : await deliver(db, input)
        const [held] = result.ok
          ? (await holdings(db, opts.enterprise)).filter((h) => instrumentOf(h.asset) === opts.instrument)
          : []
        await report(
          name,
          result,
          () =>
            `${verb} ${opts.kg} kg of ${opts.instrument} for ${opts.enterprise}: ${describeHolding(held, false)}`,
        )
      })
    })
  }

  command
    .command('balances')
    .description('Available and reserved balances per owner and asset (cash in CNY, receipts in kg)')
    .option('--enterprise <id>', 'only this owner (an enterprise id, or center:fees, external:bank …)')
    .option(...DATA_OPTION)
    .action(async (opts: { data?: string; enterprise?: string }) => {
      await withDatabase(opts.data, async ({ db }) => {
        const { holdings } = await import('./service.ts')
        const rows = (await holdings(db, opts.enterprise)).map((h) => {
          const cash = h.asset === 'CNY'
          const show = (n: bigint) => (cash ? fenToYuanString(n) : n.toString())
          return [
            h.owner,
            cash ? 'CNY' : `${instrumentOf(h.asset)} (kg)`,
            show(h.available),
            show(h.reserved),
          ]
        })
        if (rows.length === 0) {
          process.stdout.write(`No balances${opts.enterprise ? ` for ${opts.enterprise}` : ''}\n`)
          return
        }
        process.stdout.write(table(['owner', 'asset', 'available', 'reserved'], rows))
      })
    })

  command
    .command('verify')
    .description(
      'Check every balance against the entries, every transaction for balance, and that trading never created or destroyed cash or receipts; exit 1 on any discrepancy',
    )
    .option(...DATA_OPTION)
    .action(async (opts: { data?: string }) => {
      await withDatabase(opts.data, async ({ db }) => {
        const { verifyLedger } = await import('./verify.ts')
        const { formatReport } = await import('./report.ts')
        const result = await verifyLedger(db)
        process.stdout.write(formatReport(result))
        if (!result.ok) throw new ExitError(EXIT.FAILED)
      })
    })
  return command
}

/** Left-aligned text columns, right-aligned amounts. */
function table(header: readonly string[], rows: readonly string[][]): string {
  const all = [header, ...rows]
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)))
  return `${all
    .map((r) => r.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  '))
    .join('\n')}\n`
}
