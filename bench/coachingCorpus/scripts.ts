// Disfluent interview answers for the generalisation benchmark, in three script sets written
// independently of scripts/makeCoachingFixtures.ts and of each other: different styles, tenses and
// topics, so a detector tuned on one set is judged on wording it never saw.
//
// Markup, one token per space-separated item:
//   [like]  [you know,]  [I mean]   a lexical filler (brackets hold the whole phrase, punctuation kept)
//   {um} {uh}                        a short vocal filler inside a phrase (0.15–0.3 s when spoken)
//   {um+} {uh+} {er+}                a drawn-out vocal filler (0.4–0.9 s)
//   anything else                    an ordinary word; real uses of "like", "you know", "I mean",
//                                    "so", "kind of"… are left unbracketed on purpose.
export type ScriptSetName = 'stories' | 'retro' | 'explainer' | 'chat';

export type ScriptSet = { name: ScriptSetName; style: string; sentences: readonly string[] };

/** Tuning set: first-person STAR stories in the past tense. */
const STORIES: ScriptSet = {
  name: 'stories',
  style: 'behavioural STAR stories, past tense',
  sentences: [
    '[So,] {um} at my last job I ran the billing migration for about forty customers.',
    'We were [like] totally stuck on the data model for [like] three weeks.',
    'I really like working with finance people, because they check everything twice.',
    'My manager said she would like to see a plan by Friday, {uh} so I wrote one that night.',
    'The old system worked like a queue with no priorities at all.',
    'It was [kind of] a mess, [you know,] nobody owned the nightly jobs.',
    '[I mean] we had alerts, {um} but nobody read them.',
    'What I mean by ownership is that one person answers the pager.',
    'As you know, payments cannot stop for a migration.',
    'So that we could roll back, I kept both databases in sync for a month.',
    'The tests [basically] ran for {uh+} two hours every night.',
    'I actually cut that to twenty minutes by running them in parallel.',
    '[Actually,] the hardest part was {um} convincing the team.',
    'She had [like] finished the schema before I even asked.',
    'We left a margin of [like] a day before each release.',
    'Our lead [sort of] took over the vendor calls, {er+} which helped a lot.',
    'It looked like a small bug, but it was a race between two workers.',
    'I did not like the first design, so I drew a second one.',
    'The customers were [literally] emailing the chief executive every morning.',
    'We took the contract literally and delivered exactly the fields it listed.',
    'Do you know how long a full reconciliation takes?',
    'I wanted to let you know that the numbers matched to the cent.',
    'That kind of problem needs a written runbook.',
    'The team {um+} agreed to a freeze [you know] for the last week.',
    'We shipped it on a Sunday, and {uh} nothing broke.',
    '[So] {uh+} in the end we moved every account without losing a payment.',
    'It felt like the whole company was watching.',
    'I [kind of] learned that a boring plan beats a clever one.',
    'After that my director asked me to lead the next migration too.',
    'Something like that had never been done at the company before.',
    'We [like] rehearsed the cutover {um} four times.',
    'I mean to write the whole story up for the engineering blog.',
  ],
};

/**
 * Tuning too, written later to widen what the detectors are fitted on: team retrospectives and incidents,
 * first person plural, past and present. It holds "like" in grammatical positions the stories lack
 * (between a subject and its verb, after "have", before "the worst" or "a whole") beside the verb and the
 * comparison in similar frames, and "so" and "literally" in their literal senses.
 */
const RETRO: ScriptSet = {
  name: 'retro',
  style: 'team retrospectives and incidents, plural, past and present',
  sentences: [
    '[So,] {um} the retro was my idea after a rough quarter.',
    'We had [like] a really bad week after the launch.',
    'The reviewer [like] rejected the same change twice.',
    'I like simple tools that do one thing well.',
    '{uh} It was [like] the worst outage of the year.',
    'The dashboard works like a traffic light for the team.',
    'Our build server [like] crashes whenever two jobs start at once.',
    'Most engineers like clear tickets with an example, {um} me included.',
    'So when the pager fires, the person on call answers it.',
    'Everyone was [like] really tired by Friday.',
    'They [like] totally forgot the second region, {uh+} and it stayed down.',
    'It sounds like the queue was full again.',
    'We needed [like] a whole new plan for the rollout.',
    'I [kind of] expected that, [you know,] after the last one.',
    'People like change when they get to choose it.',
    'The standup took [like] forever {uh} on Mondays.',
    '[I mean] {um} there were [like] fifty tickets in the queue.',
    'I just [like] went for it and booked the meeting.',
    'What I mean by done is deployed and watched for a day.',
    'If you follow the runbook literally, you restart the wrong service.',
    '[Literally] everyone joined the call, {er+} even the designers.',
    'It was like a fire drill every Friday afternoon.',
    'She writes like a lawyer, so every comment counts.',
    'I would like a shorter release cycle, {uh} to be honest.',
    '[Actually,] the fix was [sort of] obvious in hindsight.',
    'We actually finished {um} a day early that time.',
    'I like really short meetings with a written agenda.',
    'The logs [basically] told us nothing useful.',
    '{um} [Like,] nobody wanted to own the pager at first.',
    'I like design reviews more than code reviews, {um} honestly.',
    'As you know, a quiet pager is the goal.',
    'It [kind of] worked out, and we [like] kept the ritual.',
  ],
};

/** Held out: technical explanations in the present tense, speaking to the listener. */
const EXPLAINER: ScriptSet = {
  name: 'explainer',
  style: 'technical explanation, present tense, second person',
  sentences: [
    '[So] {uh} a cache is [basically] a small fast memory in front of a slow one.',
    'You [like] keep the answers you need most often close at hand.',
    'It behaves like a notebook on your desk rather than a library across town.',
    'Most teams like Redis for this, {um} because it is simple to run.',
    'When the data changes, the cached copy is [kind of] wrong for [like] a second.',
    'That is the hard part, [you know,] deciding when a copy is too old.',
    '{um+} We usually set a time limit of [like] five minutes on each entry.',
    '[I mean,] you could also clear the entry whenever the database writes it.',
    'What I mean by invalidation is throwing the old copy away.',
    'If you know the access pattern, you can size the cache quite precisely.',
    'Requests that miss it go to the database, {uh} and that costs [like] ten milliseconds.',
    'A hit actually costs [sort of] nothing, {er+} well under a millisecond.',
    'Think of it as a kind of shortcut with an expiry date.',
    'You would like the hit rate to stay above ninety percent.',
    'The graph looks like a saw when the entries expire together.',
    'So we add a little random jitter to each expiry.',
    'The load balancer [like] spreads the misses across [like] six replicas.',
    'It is [literally] the oldest trick in computing, {um} and it still works.',
    'Let me know if you want me to draw it.',
    'Reading the metric literally would tell you the cache is idle.',
    '[You know] {uh+} the browser keeps its own cache as well.',
    'Each layer [sort of] hides the one below it.',
    '[Basically,] every layer adds speed and one more place to be wrong.',
    'Do you know which layer served the request?',
    'The header tells you, {um} and the logs actually confirm it.',
    'A content network works like a cache spread across cities.',
    'I like to test it by [like] turning one layer off at a time.',
    'Which sort of cache fits depends on how often the data changes.',
    'So if the data never changes, you can cache it forever.',
    'That is what I mean when I say the design is read heavy.',
    '[So,] {um+} that is how I would explain it to a new engineer.',
    'It [kind of] depends on the team, {uh} but the idea is the same.',
  ],
};

/** Held out: motivational and career questions, chatty, present and future, more hedging. */
const CHAT: ScriptSet = {
  name: 'chat',
  style: 'motivational and career talk, chatty, present and future',
  sentences: [
    '{um} [So] why this role, {uh} well, [I mean] I have used your app for years.',
    'It is [like] the only tool my whole team agrees on.',
    'I like how your designers write about their decisions in public.',
    'Honestly it feels like a place where people actually finish things.',
    'I would like to grow into leading a small team here.',
    'Right now I am [kind of] the person everyone asks about the build.',
    'That is fine, [you know,] but I want to do it on purpose.',
    'In five years I see myself [sort of] between engineering and product.',
    '{er+} My friends say I talk like a product manager already.',
    'As you know, your team doubled last year.',
    'I [basically] want to help it stay fast [you know] while it grows.',
    'My biggest weakness is that I [like] say yes to too much.',
    'I learned that the hard way [like] two years ago.',
    'I was [literally] on four projects at once, {um+} and none of them went well.',
    'Now I keep a list and I say no more often.',
    'What I mean by no is a clear no with a reason.',
    'I mean it when I say I enjoy code review.',
    '[Actually,] it is where I learned most of what I know.',
    'A good review reads like a conversation, not a verdict.',
    'People like feedback that comes with an example.',
    'Would you like me to talk about a review that went badly?',
    '{uh} It [kind of] started with a comment that sounded rude.',
    'We talked it through and {um} the author actually thanked me later.',
    'Salary wise I am looking for something like the range in the posting.',
    'I could start in [like] a month, {uh+} after my notice period.',
    'I will let you know by Monday, {um} is that alright?',
    'What kind of onboarding does the team do?',
    'I have read that you pair new people for [like] the first two weeks.',
    '[So] {uh} yes, I think that would suit me really well.',
    'It sounds like exactly the kind of team I want to join.',
    'If you know of anything I should read first, I would love that.',
    '[I mean,] I am [sort of] excited just talking about it.',
  ],
};

export const SCRIPT_SETS: readonly ScriptSet[] = [STORIES, RETRO, EXPLAINER, CHAT];
/** The detectors are shaped and fitted on these only; the others are held out. */
export const TUNING_SCRIPT_SETS: readonly ScriptSetName[] = ['stories', 'retro'];

export function isTuningScriptSet(name: string): boolean {
  return (TUNING_SCRIPT_SETS as readonly string[]).includes(name);
}

/** Groups a set's sentences into answers of `perAnswer` sentences, in order. */
export function answersOf(set: Pick<ScriptSet, 'sentences'>, perAnswer: number): string[] {
  const answers: string[] = [];
  for (let i = 0; i < set.sentences.length; i += perAnswer) {
    answers.push(set.sentences.slice(i, i + perAnswer).join(' '));
  }
  return answers;
}
