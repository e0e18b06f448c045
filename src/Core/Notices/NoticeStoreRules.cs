using System.Security.Cryptography;
using System.Text;

namespace PvoFinance.Notices;

/// <summary>The checks every <see cref="INoticeStore"/> makes before any I/O, and the key of a user's read marks.</summary>
public static class NoticeStoreRules
{
    /// <summary>Throws <see cref="ArgumentException"/> when a batch of notices breaks a limit.</summary>
    public static void Validate(string region, IReadOnlyList<Notice> notices)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentNullException.ThrowIfNull(notices);
        if (notices.Count > NoticeLimits.MaxPerSweep)
        {
            throw new ArgumentException($"At most {NoticeLimits.MaxPerSweep} notices at once, not {notices.Count}.", nameof(notices));
        }
        foreach (var n in notices)
        {
            if (n.Region != region || !NoticeIds.TryParse(n.Id, out var r, out var due, out var kind, out var app) || r != region || due != n.Due || kind != n.Kind || app != n.ApplicationId)
            {
                throw new ArgumentException($"Notice '{n.Id}' does not belong to region '{region}' or its id does not match its content.", nameof(notices));
            }
        }
    }

    /// <summary>
    /// The partition of a user's read marks: a hash of the token's subject, so the table names no person and any
    /// subject text (up to its limit) makes a valid key.
    /// </summary>
    public static string UserKey(string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return "u-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))[..32];
    }
}
