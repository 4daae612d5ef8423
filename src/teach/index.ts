// `gradfold/teach`: gradfold's teaching material in one place — the notebook's training step
// explained (explainTrainingStep), derivation traces as text, Markdown and DOT (fig_01), every word
// table (the walkthrough's, the traces', the figures' for the viz builders) and the one Language.
// Formulas are never written here: they come from the primitives' own terms. The root entry does
// not load this one; it needs nothing but the library itself (fp-ts, io-ts).

export { figureWords, type FigureWords } from './figure-words.js'
export { graphFigure, type GraphFigureOptions } from './graph-figure.js'
export { languages, type Language } from './language.js'
export { renderDot, type DotOptions } from './render/dot.js'
export { renderMarkdown, type MarkdownOptions } from './render/markdown.js'
export { renderText, type TextOptions } from './render/text.js'
export { traceWords, type TraceWords } from './render/words.js'
export { explainTrainingStep, type WalkthroughOptions } from './walkthrough.js'
export { walkthroughWords, type LayerRole, type WalkthroughWords } from './walkthrough-words.js'
