import { Command } from 'commander'
import type { Refusal } from '../kernel/index.ts'
import { DATA_OPTION, EXIT, ExitError, withDatabase } from '../platform/cli-support.ts'
import { checkNewUser, ROLES } from './model.ts'
import { createApiToken, createUser, findUser } from './service.ts'

/**
 * `huiguo user add` and `huiguo token create`: admin commands for a stopped server (they open the
 * database directly; a PGlite folder in use by a running server is refused by its lock).
 */

const collect = (value: string, previous: string[]) => [...previous, value]

function refused(command: string, refusal: Refusal): never {
  process.stderr.write(`huiguo ${command}: ${refusal.detail}; nothing was written\n`)
  for (const e of refusal.errors ?? []) process.stderr.write(`  ${e.field}: ${e.message}\n`)
  throw new ExitError(EXIT.USAGE)
}

/** `huiguo user add --enterprise ID --username U --password P --role R [--role R2]` */
export function userCommand(): Command {
  const command = new Command('user').description('Manage the users of member enterprises')
  command
    .command('add')
    .description(`Add a user to an enterprise with one or more roles (${ROLES.join(', ')})`)
    .requiredOption('--enterprise <id>', 'id of the enterprise the user belongs to')
    .requiredOption('--username <name>', 'login name: 3-40 lower-case letters, digits, ".", "_", "-"')
    .requiredOption('--password <password>', 'at least 10 characters, not the username')
    .requiredOption('--role <role>', 'a role; repeat for several', collect, [])
    .option(...DATA_OPTION)
    .action(
      async (opts: {
        enterprise: string
        username: string
        password: string
        role: string[]
        data?: string
      }) => {
        const input = {
          enterpriseId: opts.enterprise,
          username: opts.username,
          password: opts.password,
          roles: opts.role,
        }
        // The rules first: a bad username, role or password is refused without opening the database.
        const checked = checkNewUser(input)
        if (!checked.ok) refused('user add', checked)
        await withDatabase(opts.data, async ({ db }) => {
          const result = await createUser(db, input, { now: new Date() })
          if (!result.ok) refused('user add', result)
          const u = result.value
          process.stdout.write(
            `Added user ${u.username} (${u.id}) to enterprise ${u.enterpriseId} with roles ${u.roles.join(', ')}\n`,
          )
        })
      },
    )
  return command
}

/** `huiguo token create --username U [--name N]`: prints only the token. */
export function tokenCommand(): Command {
  const command = new Command('token').description('Manage API tokens (Authorization: Bearer) for programs')
  command
    .command('create')
    .description('Create an API token for a user and print it (it is shown only this once)')
    .requiredOption('--username <name>', 'the user the token acts as')
    .option('--name <name>', 'what the token is for', 'cli')
    .option(...DATA_OPTION)
    .action(async (opts: { username: string; name: string; data?: string }) => {
      if (opts.name.length < 1 || opts.name.length > 100) {
        process.stderr.write('huiguo token create: --name must be 1 to 100 characters\n')
        throw new ExitError(EXIT.USAGE)
      }
      await withDatabase(opts.data, async ({ db }) => {
        const user = await findUser(db, opts.username)
        if (!user.ok) refused('token create', user)
        const created = await createApiToken(
          db,
          { userId: user.value.id, name: opts.name, expiresAt: null },
          new Date(),
        )
        process.stdout.write(`${created.token}\n`)
      })
    })
  return command
}
