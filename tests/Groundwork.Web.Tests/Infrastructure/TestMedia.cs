namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>Audio made in the test: a 440 Hz tone as 16-bit mono PCM WAV.</summary>
public static class TestMedia
{
    public static byte[] Wav(double seconds, int sampleRate = 8000)
    {
        var samples = (int)(seconds * sampleRate);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true))
        {
            w.Write("RIFF"u8);
            w.Write(36 + samples * 2);
            w.Write("WAVEfmt "u8);
            w.Write(16);
            w.Write((short)1);
            w.Write((short)1);
            w.Write(sampleRate);
            w.Write(sampleRate * 2);
            w.Write((short)2);
            w.Write((short)16);
            w.Write("data"u8);
            w.Write(samples * 2);
            for (var i = 0; i < samples; i++)
            {
                w.Write((short)(Math.Sin(2 * Math.PI * 440 * i / sampleRate) * 12000));
            }
        }

        return stream.ToArray();
    }
}
