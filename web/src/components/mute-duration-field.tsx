// How long a mute lasts, where the provider has timed mutes: the same choices wherever a mute is made.
import { muteDurations } from '../lib/account-actions';

/** A labelled select whose value is the duration in seconds, or '' for "until you unmute". */
export function MuteDurationField({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>How long</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {muteDurations.map((choice) => (
          <option key={choice.label} value={choice.seconds ?? ''}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}
