import { readFile } from 'node:fs/promises'
import { Command, InvalidArgumentError, Option } from 'commander'
import { EXIT, ExitError, integerOption } from '../../platform/cli-support.ts'

function secondsOption(value: string): number {
  const seconds = Number(value)
  if (!/^[0-9]+(\.[0-9]+)?$/.test(value) || !(seconds > 0)) {
    throw new InvalidArgumentError('expected a positive number of seconds')
  }
  return seconds
}

/**
 * `huiguo route FILE`: solves a CVRPLIB or Solomon instance and prints the solution in CVRPLIB
 * `.sol` form. The solution is checked before it is printed; an infeasible one is never printed.
 */
export function routeCommand(): Command {
  return new Command('route')
    .description('Solve a CVRPLIB .vrp or Solomon .txt routing instance; print the routes in .sol form')
    .argument(
      '<file>',
      'instance file (CVRPLIB .vrp with coordinates or an explicit matrix, or Solomon .txt)',
    )
    .option('-t, --time-limit <seconds>', 'search time', secondsOption, 10)
    .option('-s, --seed <n>', 'random seed', integerOption(0, 2 ** 31 - 1), 1)
    .option('--iterations <n>', 'stop after this many iterations as well', integerOption(1, 1e9))
    .option(
      '--vehicles <n>',
      "most routes allowed (default: the file's fleet, if it gives one)",
      integerOption(1, 1e6),
    )
    .addOption(
      new Option('--objective <objective>', 'override the format objective (Solomon: vehicles)').choices([
        'distance',
        'vehicles',
      ]),
    )
    .action(
      async (
        file: string,
        options: {
          timeLimit: number
          seed: number
          iterations?: number
          vehicles?: number
          objective?: 'distance' | 'vehicles'
        },
      ) => {
        const routing = await import('./index.ts')
        let text: string
        try {
          text = await readFile(file, 'utf8')
        } catch (error) {
          process.stderr.write(`huiguo route: cannot read ${file}: ${(error as Error).message}\n`)
          throw new ExitError(EXIT.USAGE)
        }
        let problem: import('./index.ts').RoutingProblem
        try {
          const objective = options.objective === 'vehicles' ? 'vehicles-then-distance' : options.objective
          problem = routing.parseInstance(text, objective)
          if (options.vehicles !== undefined) problem = { ...problem, fleetSize: options.vehicles }
        } catch (error) {
          if (!(error instanceof routing.InstanceFormatError)) throw error
          process.stderr.write(`huiguo route: ${file}: ${error.message}\n`)
          throw new ExitError(EXIT.USAGE)
        }
        const solution = routing.solve(problem, {
          seed: options.seed,
          timeLimitMs: options.timeLimit * 1000,
          maxIterations: options.iterations,
          now: () => performance.now(),
        })
        const verdict = routing.evaluateSolution(problem, solution.routes)
        if (!verdict.feasible) {
          process.stderr.write(`huiguo route: no feasible solution found (${verdict.reason})\n`)
          throw new ExitError(EXIT.FAILED)
        }
        process.stdout.write(routing.formatSolution(problem, solution.routes, verdict.cost))
      },
    )
}
