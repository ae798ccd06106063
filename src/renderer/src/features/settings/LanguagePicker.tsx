import { AUTO_LANGUAGE, WHISPER_LANGUAGES } from '../../../../shared/modelsContract';
import { useCoachStore } from '../../store';
import { errorMessage } from '../../store/loadStatus';
import { coachApi } from '../../coachApi';

/**
 * The language Whisper transcribes. English-only (.en) models always transcribe English, so the
 * picker is shown disabled with the reason; multilingual models take any language or auto-detect.
 */
export function LanguagePicker() {
  const models = useCoachStore((s) => s.models);
  if (!models) return null;
  const multilingual = models.activeMultilingual;
  const value = multilingual ? models.language : 'en';

  const choose = async (language: string) => {
    try {
      const settings = await coachApi().updateSettings({ speech: { language } });
      useCoachStore.setState((s) => ({
        settings,
        modelsError: null,
        ...(s.models ? { models: { ...s.models, language } } : {}),
      }));
    } catch (error) {
      useCoachStore.setState({ modelsError: errorMessage(error, 'The language could not be saved.') });
    }
  };

  return (
    <label className="field model-language">
      <span className="field-label">Language of your answers</span>
      <select
        value={value}
        disabled={!multilingual}
        aria-describedby="model-language-help"
        onChange={(e) => void choose(e.target.value)}
      >
        <option value={AUTO_LANGUAGE}>Detect automatically</option>
        {WHISPER_LANGUAGES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.name}
          </option>
        ))}
      </select>
      <span id="model-language-help" className="field-help">
        {!models.activeFile
          ? 'Install a model first.'
          : multilingual
            ? 'Whisper transcribes your answers in this language; “Detect automatically” lets it decide.'
            : `${models.activeFile} understands English only, so answers are transcribed in English. ` +
              'Use a multilingual model (one without “.en”) to practise in another language.'}
      </span>
    </label>
  );
}
