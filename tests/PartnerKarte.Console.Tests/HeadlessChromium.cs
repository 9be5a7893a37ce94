using System.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace PartnerKarte.Console.Tests;

/// <summary>Headless Chromium (Debian package <c>chromium</c>, installed by the test build: <c>tests/setup/chromium.sh</c>), offline.</summary>
internal static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    private static string[] BaseArguments(string profile) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
    ];

    /// <summary>The DOM after the page's scripts ran.</summary>
    public static Task<string> DumpDomAsync(string htmlFile) => RunAsync(["--dump-dom", new Uri(htmlFile).AbsoluteUri]);

    /// <summary>Renders the page into a PNG and returns its bytes.</summary>
    public static async Task<byte[]> ScreenshotAsync(string htmlFile, int width = 1200, int height = 1600)
    {
        var png = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(htmlFile)!, "screenshot.png");
        await RunAsync(["--screenshot=" + png, $"--window-size={width},{height}", "--hide-scrollbars", new Uri(htmlFile).AbsoluteUri]);
        return await File.ReadAllBytesAsync(png);
    }

    private static async Task<string> RunAsync(string[] args)
    {
        File.Exists(Path).Should().BeTrue("the test build installs Chromium (tests/setup/chromium.sh)");
        var profile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pk-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(profile);
        try
        {
            var info = new ProcessStartInfo(Path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var a in BaseArguments(profile).Concat(args))
            {
                info.ArgumentList.Add(a);
            }

            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(cts.Token);
            process.ExitCode.Should().Be(0, await stderr);
            return await stdout;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Decodes an 8-bit RGB/RGBA PNG enough to count its colours: (width, height, distinct colours, share of non-white pixels).</summary>
    public static (int Width, int Height, int Colours, double InkShare) Analyse(byte[] png)
    {
        png.AsSpan(1, 3).ToArray().Should().Equal("PNG"u8.ToArray());
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (var pos = 8; pos < png.Length;)
        {
            var length = (png[pos] << 24) | (png[pos + 1] << 16) | (png[pos + 2] << 8) | png[pos + 3];
            var type = Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = (data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3];
                height = (data[4] << 24) | (data[5] << 16) | (data[6] << 8) | data[7];
                data[8].Should().Be(8, "8-bit PNG");
                channels = data[9] switch { 2 => 3, 6 => 4, _ => throw new InvalidDataException($"colour type {data[9]}") };
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            pos += 12 + length;
        }

        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var stride = width * channels;
        var previous = new byte[stride];
        var current = new byte[stride];
        var colours = new HashSet<int>();
        long ink = 0;
        for (var y = 0; y < height; y++)
        {
            var filter = z.ReadByte();
            z.ReadExactly(current);
            for (var i = 0; i < stride; i++)
            {
                int a = i >= channels ? current[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
                current[i] = (byte)(current[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    _ => Paeth(a, b, c),
                });
            }

            for (var x = 0; x < width; x++)
            {
                var o = x * channels;
                var rgb = (current[o] << 16) | (current[o + 1] << 8) | current[o + 2];
                colours.Add(rgb);
                if (rgb != 0xFFFFFF)
                {
                    ink++;
                }
            }

            (previous, current) = (current, previous);
        }

        return (width, height, colours.Count, ink / (double)((long)width * height));
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
