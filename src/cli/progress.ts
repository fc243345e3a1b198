import cliProgress from 'cli-progress'
import type { ProgressListener } from '../seed/index.ts'

/**
 * A progress bar on stderr for long work. Without a terminal (CI, pipes) it prints a line at every
 * quarter instead, so logs stay readable.
 */
export function progressBar(title: string, stream: NodeJS.WriteStream = process.stderr) {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${title} [{bar}] {percentage}% {step}`, stream, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    )
    let started = false
    const listener: ProgressListener = (done, total, step) => {
      if (!started) {
        bar.start(total, done, { step })
        started = true
      } else bar.update(done, { step })
    }
    return { listener, stop: () => started && bar.stop() }
  }
  let lastQuarter = -1
  const listener: ProgressListener = (done, total, step) => {
    const quarter = Math.floor((done / total) * 4)
    if (quarter > lastQuarter) {
      lastQuarter = quarter
      stream.write(`${title}: ${Math.round((done / total) * 100)}% ${step}\n`)
    }
  }
  return { listener, stop: () => {} }
}
