// Function words: they carry grammar rather than content, so repetition and vocabulary checks skip them.
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the and or but so if then than that this these those there here it its it's i i'm i've i'd me my " +
    "mine we we're we've our us you you're your he she him her his they they're them their what which who " +
    'whom whose when where why how all any both each few more most other some such no nor not only own same ' +
    'too very can will just should would could might must shall may do does did doing done have has had ' +
    'having be is are was were been being am to of in on at by for with about against between into through ' +
    'during before after above below from up down out off over under again further once also as because ' +
    "until while don't didn't doesn't isn't wasn't weren't won't can't couldn't wouldn't shouldn't let's " +
    "that's what's there's one got get gets going go went yeah yes okay ok oh well um uh er erm ah hmm like"
  ).split(' '),
);

export const isStopWord = (normalizedWord: string): boolean => STOP_WORDS.has(normalizedWord);
