/**
 * The benchmarks' command line: `--name value` options and `--name` switches, read from the
 * process's arguments.
 * @module
 */
const args = process.argv.slice(2)

/** The value after `name`, or undefined when `name` is not given. */
export const arg = (name: string): string | undefined => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}

/** Whether the switch `name` is given. */
export const flag = (name: string): boolean => args.includes(name)
