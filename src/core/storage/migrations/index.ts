import init from './001_init';
import coachingAnalysis from './002_coaching_analysis';
import review from './003_review';
import crashRecovery from './004_crash_recovery';
import engineFailures from './005_engine_failures';
import finalUtterances from './006_final_utterances';
import answerReport from './007_answer_report';
import recoveryNotices from './008_recovery_notices';

/** Ordered; the database's user_version records how many have been applied. */
export const MIGRATIONS: readonly string[] = [
  init,
  coachingAnalysis,
  review,
  crashRecovery,
  engineFailures,
  finalUtterances,
  answerReport,
  recoveryNotices,
];
