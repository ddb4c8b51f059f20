// Settings as the host keeps them; changes go through the bridge and come back validated.
import { createAsyncThunk, createSlice } from '@reduxjs/toolkit';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../../protocol';
import { getBridge } from '../../bridge';

export const loadSettings = createAsyncThunk('settings/load', () => getBridge().getSettings());
export const updateSettings = createAsyncThunk('settings/update', (patch: SettingsPatch) =>
  getBridge().setSettings(patch),
);

export const settingsSlice = createSlice({
  name: 'settings',
  initialState: DEFAULT_SETTINGS as Settings,
  reducers: {},
  extraReducers: (b) => {
    b.addCase(loadSettings.fulfilled, (_s, a) => a.payload).addCase(updateSettings.fulfilled, (_s, a) => a.payload);
  },
});
