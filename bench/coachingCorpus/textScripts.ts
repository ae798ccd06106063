// Text-only script sets for the text filler detector: not rendered to audio (the acoustic table keeps its
// corpus unchanged), scored beside the rendered sets' tuning and held-out columns. Written after the
// first sealed sets' misses were published, in styles none of the other sets has, with disfluent "like",
// "you know" and "I mean" in many grammatical positions and as many real uses of the same words.
// Same markup as scripts.ts. Labelling choices, kept the same in every set:
//   - quotative "be like" ("she was like, what took you so long?") introduces reported speech or thought,
//     as "said" would: it is a verb of quoting, not a hesitation, and is left unbracketed;
//   - "like" before a list of examples after "things", "teams"… ("things like refunds") is real;
//   - "like" between a copula and a plain simile ("she is like a big sister") is real; before an
//     emphasised noun phrase ("is like my biggest supporter", "was like a completely different world") it
//     is a filler: the sentence means the same without it.
/** Like a ScriptSet, but text only: never rendered, so the audio corpus stays as it is. */
export type TextOnlySet = {
  name: string;
  style: string;
  split: 'tuning' | 'held-out';
  sentences: readonly string[];
};

/** Tuning: a rambling phone screen with a recruiter, logistics and background, present and past. */
const PHONE_SCREEN: TextOnlySet = {
  name: 'phone-screen',
  style: 'rambling phone screen with a recruiter, present and past',
  split: 'tuning',
  sentences: [
    '{um} [So] yeah, I saw the posting on [like] Tuesday and applied the same night.',
    'I have been at my current company for [like] four and a half years now.',
    'Before that I was at a startup with [like] twelve people in one room.',
    'I really like small teams, {uh} because you see the whole picture.',
    'The startup was [like] a completely different world from the bank.',
    'We [like] built the first version in a garage, [you know,] the classic story.',
    'It felt like a family most of the time.',
    'My notice period is [like] a month, {um} maybe less if they agree.',
    'I would like to start in March if that works on your side.',
    'Do you know if the role is remote or hybrid?',
    'I could come in [like] two or three days a week, {uh} no problem.',
    'The commute would be [like] forty minutes each way.',
    'My current manager is [like] my biggest supporter, honestly.',
    'She is like a big sister to half the team.',
    '[I mean,] she [like] taught me how to run a design review.',
    'Her reviews read like short essays, with a summary on top.',
    'When I asked for the promotion she was like, what took you so long?',
    'Then I took on [like] the hardest project we had that year.',
    'It was a payments rewrite, [you know,] the part nobody wants to touch.',
    'We had [like] zero tests on the old code.',
    'I mean what I say about testing, it saved us twice.',
    'We wrote tests for [like] every edge case we could think of.',
    'Things like refunds and chargebacks took the longest.',
    'It [kind of] dragged on, but we shipped it in [like] nine months.',
    'The team was [like] so proud when it went live.',
    'If you like, I can send you the write up afterwards.',
    'What I like about your company is the engineering blog.',
    'You [like] publish the postmortems, which almost nobody does.',
    'I read [like] three of them last weekend.',
    'One of them was [like] the best thing I have read on retries.',
    'You know the one about the duplicate charges?',
    '[Basically] it said to make every call safe to repeat.',
    'We do something like that already, {um} but only for refunds.',
    'Sorry, I know I talk [like] a lot when I am excited.',
    'Would you like me to go over the gap in my CV?',
    'It was [like] six months, {um} I was caring for my dad.',
    'He is doing much better now, which is [like] a huge relief.',
    '[I mean] {uh} I am really keen on this one, [you know?]',
    'I mean it, {um} I turned down two other calls this week.',
    'And [like] the team here seems really friendly from the outside.',
  ],
};

/** Held out: a nervous new graduate, university project, internship and group work, past and present. */
const GRADUATE: TextOnlySet = {
  name: 'graduate',
  style: 'nervous new graduate, projects and internship, past and present',
  split: 'held-out',
  sentences: [
    '{um} Hi, I just finished my degree in computer science [like] two months ago.',
    'This is [like] my first proper interview, {uh} so sorry if I ramble.',
    'For my final project I built an app that [like] tracks study hours.',
    'I like building things that people actually use.',
    'My supervisor was [like] really strict about the write up.',
    'She would [like] send the drafts back covered in comments.',
    '[I mean,] she was right, {um} the first draft was a mess.',
    'We worked in a group of [like] five people.',
    'Group work is a bit like herding cats, [you know?]',
    'One guy [like] never showed up to the meetings.',
    'So I [kind of] ended up doing his part as well.',
    'I did not really like that, {uh} but I did not want to complain.',
    'You know how it is at university, nobody wants to be the bad guy.',
    'In the end we got [like] a seventy two, which is a first.',
    'I also did an internship at [like] a small agency in Leeds.',
    'The pace there was [like] a really big step up from uni.',
    'My mentor there was like a walking encyclopedia of browsers.',
    'She [like] knew every browser bug by heart.',
    'Sometimes I felt like I was slowing everyone down.',
    'I would ask [like] ten questions a day, {um} at least.',
    'She said she would rather I ask than guess, [you know?]',
    'What I mean is, I learn fast when people let me ask.',
    'I built [like] the whole booking page on my own.',
    'It looks like a simple form, but it has [like] forty fields.',
    'The client was like, can we make it pop more?',
    '[I mean] {uh} I still do not know what pop means.',
    'I mean to learn a lot more about accessibility next.',
    'Do you know if there is a graduate scheme here?',
    'I really like the idea of rotating between teams.',
    'I would like to try backend for [like] a year or so.',
    'People say I am [like] weirdly calm under pressure.',
    '[I mean,] not during interviews, {uh} obviously.',
    'My flatmate [like] panics before every single exam.',
    'Sorry, [you know,] I did [like] warn you I would ramble.',
    'Is there anything else you would like to know?',
    'Thanks, I mean that, {um} this was really helpful.',
  ],
};

/** Held out: a senior manager's case study of a reorganisation, measured, past tense, few hesitations. */
const CASE_STUDY: TextOnlySet = {
  name: 'case-study',
  style: "senior manager's case study of a reorganisation, past tense",
  split: 'held-out',
  sentences: [
    '[So] the case I would like to walk you through is a reorganisation.',
    'We had [like] four product teams all touching the same checkout code.',
    'Releases took [like] three weeks to get through review.',
    'It was [like] the slowest part of the whole company.',
    'I mean that literally, we measured it.',
    '[You know,] when four teams own one thing, nobody owns it.',
    'So I proposed something like a platform team for checkout.',
    'Leadership was like, why would we add headcount in a freeze?',
    'Fair question, {um} and I did not have [like] a great answer at first.',
    'I went back and pulled [like] eighteen months of incident data.',
    'Checkout caused [like] forty percent of our customer facing incidents.',
    'That number [kind of] ended the debate.',
    'Teams like ours tend to hide that kind of cost in the roadmap.',
    'We [basically] moved six engineers into one group.',
    '[I mean,] six people out of two hundred is not a lot.',
    'But it felt like a big bet at the time.',
    'The first quarter was [like] super painful, {uh} to be honest.',
    'People did not like losing their favourite projects.',
    'I spent [like] half my week in one to ones.',
    '[You know] {um} some people [like] left the company over it.',
    'You know a reorg has worked when nobody mentions it any more.',
    'After six months release time was down to [like] four days.',
    'The platform team is [like] the most requested transfer now.',
    'I would like to say I planned that, but I did not.',
    'What I mean by platform is a team whose customers are other teams.',
    'It works like an internal vendor, with a roadmap and office hours.',
    'If I did it again I would [like] talk to the teams much earlier.',
    'Change feels like a threat when it arrives as an announcement.',
    'It feels more like an invitation when people help shape it.',
    'Just like any reorg, {um} the hard part was the people, not the boxes.',
    'We [like] doubled the on call rota so nobody burned out.',
    '[So] yeah, that is [sort of] the story, {uh} happy to go deeper.',
  ],
};

export const TEXT_ONLY_SETS: readonly TextOnlySet[] = [PHONE_SCREEN, GRADUATE, CASE_STUDY];
