import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { InstanceFormatError, parseCvrplib, parseInstance, parseSolomon } from './index.ts'
import { checkSolution } from './test-support/check-solution.ts'

const DIR = join(import.meta.dirname, '..', '..', '..', 'bench', 'route', 'instances')
const read = (path: string) => readFileSync(join(DIR, path), 'utf8')
const cvrpFiles = readdirSync(join(DIR, 'cvrp')).filter((f) => f.endsWith('.vrp'))
const solomonFiles = readdirSync(join(DIR, 'solomon')).filter((f) => f.endsWith('.txt'))
/** `.sol` files whose routes do not recompute to their stated cost (bench/route/instances/README.md). */
const KNOWN_BAD_SOL = new Set(['B-n50-k8', 'B-n57-k7', 'E-n30-k3', 'CMT1'])

describe('CVRPLIB reader', () => {
  it('reads all 89 instances, coordinates and LOWER_ROW matrices alike', () => {
    expect(cvrpFiles).toHaveLength(89)
    for (const file of cvrpFiles) {
      const problem = parseCvrplib(read(`cvrp/${file}`))
      expect(problem.name).toBe(file.replace('.vrp', ''))
      expect(problem.size).toBe(Number(/-n(\d+)-/.exec(file)?.[1] ?? 51))
      expect(problem.demand[0]).toBe(0)
      expect(problem.objective).toBe('distance')
    }
  })

  it('gives E-n22-k4 the nint distances and the demands of the file', () => {
    const p = parseCvrplib(read('cvrp/E-n22-k4.vrp'))
    // Node 1 (145, 215) and node 2 (151, 264): sqrt(36 + 2401) = 49.37 -> 49.
    expect(p.cost[1]).toBe(49)
    expect(p.capacity).toBe(6000)
    expect(p.demand[1]).toBe(1100)
  })

  it("limits the fleet to the COMMENT's trucks (sets A, B, E, P) and leaves set X unbounded", () => {
    expect(parseCvrplib(read('cvrp/P-n16-k8.vrp')).fleetSize).toBe(8)
    expect(parseCvrplib(read('cvrp/E-n22-k4.vrp')).fleetSize).toBe(4)
    expect(parseCvrplib(read('cvrp/X-n101-k25.vrp')).fleetSize).toBe(Number.POSITIVE_INFINITY)
  })

  it('reads the lower-row matrix of E-n13-k4 symmetrically', () => {
    const p = parseCvrplib(read('cvrp/E-n13-k4.vrp'))
    expect(p.cost[0 * 13 + 1]).toBe(9)
    expect(p.cost[1 * 13 + 0]).toBe(9)
    expect(p.cost[2 * 13 + 1]).toBe(21)
    expect(p.cost[12 * 13 + 11]).toBe(10)
  })

  it('reads a full matrix and moves a depot that is not node 1 to the front', () => {
    const text = [
      'NAME : tiny',
      'TYPE : CVRP',
      'DIMENSION : 3',
      'EDGE_WEIGHT_TYPE : EXPLICIT',
      'EDGE_WEIGHT_FORMAT : FULL_MATRIX',
      'CAPACITY : 10',
      'EDGE_WEIGHT_SECTION',
      '0 1 2',
      '3 0 4',
      '5 6 0',
      'DEMAND_SECTION',
      '1 4',
      '2 0',
      '3 5',
      'DEPOT_SECTION',
      '2',
      '-1',
      'EOF',
    ].join('\n')
    const p = parseCvrplib(text)
    expect(Array.from(p.demand)).toEqual([0, 4, 5])
    expect(Array.from(p.cost)).toEqual([0, 3, 4, 1, 0, 2, 6, 5, 0])
  })

  it('refuses malformed files with InstanceFormatError', () => {
    expect(() => parseCvrplib('NAME : x\nDIMENSION : 3\nCAPACITY : 5\nEDGE_WEIGHT_TYPE : GEO\n')).toThrow(
      InstanceFormatError,
    )
    expect(() => parseSolomon('C101\n')).toThrow(InstanceFormatError)
  })

  it('agrees with the independent checker on every reference .sol cost', () => {
    for (const file of cvrpFiles) {
      const name = file.replace('.vrp', '')
      if (KNOWN_BAD_SOL.has(name)) continue
      const check = checkSolution(read(`cvrp/${file}`), read(`cvrp/${name}.sol`))
      expect(check.errors, name).toEqual([])
    }
  })
})

describe('Solomon reader', () => {
  it('reads all 56 instances with a fleet of 25 and 101 nodes', () => {
    expect(solomonFiles).toHaveLength(56)
    for (const file of solomonFiles) {
      const p = parseInstance(read(`solomon/${file}`))
      expect(p.name).toBe(file.replace('.txt', ''))
      expect(p.size).toBe(101)
      expect(p.fleetSize).toBe(25)
      expect(p.objective).toBe('vehicles-then-distance')
      expect(p.costDecimals).toBe(2)
    }
  })

  it('keeps C101 times and unrounded distances', () => {
    const p = parseSolomon(read('solomon/C101.txt'))
    const tw = p.timeWindows!
    expect([tw.ready[1], tw.due[1], tw.service[1], p.demand[1]]).toEqual([912, 967, 90, 10])
    expect(tw.due[0]).toBe(1236)
    expect(p.cost[1]).toBeCloseTo(Math.hypot(5, 18), 12)
  })
})
