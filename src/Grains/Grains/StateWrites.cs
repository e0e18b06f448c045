namespace PvoFinance.Grains;

/// <summary>Writing grain state so that a failed write never leaves an activation ahead of storage.</summary>
public static class StateWrites
{
    /// <summary>
    /// Writes <paramref name="state"/>; if the write fails, the activation is dropped once the current call
    /// ends, so the next call reloads exactly what storage holds. Without this, the in-memory value (already
    /// changed) would keep answering as if it had been stored, and a deactivation would later lose it.
    /// </summary>
    public static async Task WriteOrDropAsync<T>(this IGrainBase grain, IPersistentState<T> state)
    {
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
