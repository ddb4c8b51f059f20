// Settings as the host keeps them; changes go through the bridge and come back validated.
// A change shows at once (the patch is applied while the host stores it); if the host refuses it,
// what the host holds is shown again. Changes go to the host one after another, so a quick second
// change never builds on a value the first has not stored yet.
import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import { DEFAULT_SETTINGS, type ErrorPayload, type Settings, type SettingsPatch } from '../../../../protocol';
import { getBridge } from '../../bridge';
import { toErrorPayload } from '../session/sessionSlice';

export const loadSettings = createAsyncThunk('settings/load', () => getBridge().getSettings());

/** Why a change was refused, and the settings the host holds instead (when it could say). */
export interface SettingsRefusal {
  error: ErrorPayload;
  settings?: Settings;
}

let queue: Promise<unknown> = Promise.resolve();

export const updateSettings = createAsyncThunk<Settings, SettingsPatch, { rejectValue: SettingsRefusal }>(
  'settings/update',
  (patch, { rejectWithValue }) => {
    const run = async () => {
      try {
        return await getBridge().setSettings(patch);
      } catch (err) {
        const settings = await getBridge()
          .getSettings()
          .catch(() => undefined);
        return rejectWithValue({ error: toErrorPayload(err), ...(settings ? { settings } : {}) });
      }
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  },
);

export const settingsSlice = createSlice({
  name: 'settings',
  initialState: DEFAULT_SETTINGS as Settings,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(loadSettings.fulfilled, (_s, a) => a.payload)
      .addCase(updateSettings.pending, (s, a) => ({ ...s, ...a.meta.arg }))
      .addCase(updateSettings.fulfilled, (_s, a) => a.payload)
      .addCase(updateSettings.rejected, (s, a) => a.payload?.settings ?? s);
  },
});
