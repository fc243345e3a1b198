type Block = { kind: 'p'; text: string } | { kind: 'ul'; items: string[] }

/**
 * Splits plain text into paragraphs and lists: blank lines part the blocks, a line that starts
 * with "- " is a list item, and the other lines of a block join into one paragraph.
 */
export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = []
  for (const chunk of text.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    let para: string[] = []
    let list: string[] | null = null
    const flushPara = () => {
      if (para.length) blocks.push({ kind: 'p', text: para.join(' ') })
      para = []
    }
    for (const raw of chunk.split('\n')) {
      const line = raw.trim()
      if (!line) continue
      if (line.startsWith('- ')) {
        flushPara()
        if (!list) {
          list = []
          blocks.push({ kind: 'ul', items: list })
        }
        list.push(line.slice(2).trim())
      } else if (list && /^\s{2,}/.test(raw)) {
        // An indented line goes on with the list item above it.
        list[list.length - 1] += ` ${line}`
      } else {
        list = null
        para.push(line)
      }
    }
    flushPara()
  }
  return blocks
}

/** Renders plain text as paragraphs and bullet lists. */
export function PlainText({ text }: { text: string }) {
  return (
    <>
      {parseBlocks(text).map((b, i) =>
        b.kind === 'p' ? (
          <p key={i}>{b.text}</p>
        ) : (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        ),
      )}
    </>
  )
}
