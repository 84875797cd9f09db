# Kills (SIGKILL, kill -9) a PowerShell that exports networks over one file in a loop, -Rounds times,
# at a random moment, and reports what each kill left: the file must always be a whole network, the
# old one or the new one, never a torn one; the hidden temporary file a killed writer may leave is
# counted, and the next export (once it is stale) must remove it. Issue 15 asked for 40 such kills;
# Files.Tests.ps1 runs two of them in every test run, this runs as many as asked.
#   dotnet pwsh tests/tools/Measure-KilledExports.ps1 -Module ./out/NeuralNet/NeuralNet.psd1 -Rounds 40
param(
    [Parameter(Mandatory)] [string] $Module,
    [int] $Rounds = 40
)
$ErrorActionPreference = 'Stop'
if ($IsWindows) { throw 'kill -9 needs Unix.' }
$Module = (Resolve-Path $Module).Path
Import-Module $Module
$folder = Join-Path ([IO.Path]::GetTempPath()) "nn-killed-exports-$PID"
New-Item -ItemType Directory $folder -Force | Out-Null
$path = Join-Path $folder 'big.json'
$script = Join-Path $folder 'export-loop.ps1'
# Two networks of about 4 MB each, written in turn, so that a kill often lands mid-write and the
# file left says which of the two it is.
Set-Content $script @"
Import-Module '$Module'
`$a = New-NeuralNetwork -LayerSizes 200, 1000, 10 -OutputActivation Softmax -Seed 1
`$b = New-NeuralNetwork -LayerSizes 200, 1000, 11 -OutputActivation Softmax -Seed 2
while (`$true) { `$a | Export-NeuralNetwork -Path '$path'; `$b | Export-NeuralNetwork -Path '$path' }
"@
$pwsh = Join-Path $PSHOME 'pwsh'
$counts = [ordered]@{ A = 0; B = 0; Torn = 0; LeftTemp = 0; LargestTempMB = 0.0; TempAfterNextExport = 0 }
$last = New-NeuralNetwork -LayerSizes 2, 2, 1 -Seed 3
try {
    foreach ($round in 1..$Rounds) {
        Remove-Item $path -ErrorAction Ignore
        $child = Start-Process $pwsh -ArgumentList '-NoProfile', '-NonInteractive', '-File', $script -PassThru
        try {
            $deadline = [datetime]::Now.AddSeconds(60)
            while (-not (Test-Path $path) -and [datetime]::Now -lt $deadline) { Start-Sleep -Milliseconds 20 }
            Start-Sleep -Milliseconds (Get-Random -Minimum 100 -Maximum 2000)
        }
        finally { kill -9 $child.Id; $child.WaitForExit() }
        try {
            $layers = (Import-NeuralNetwork -LiteralPath $path).Layers
            if ($layers -eq '200-1000-10') { $counts.A++ } elseif ($layers -eq '200-1000-11') { $counts.B++ } else { $counts.Torn++ }
        }
        catch { $counts.Torn++; Write-Warning "Round ${round}: $($_.Exception.Message)" }
        $temps = @(Get-ChildItem $folder -Force -Filter '.big.json.*.tmp')
        if ($temps) {
            $counts.LeftTemp++
            $counts.LargestTempMB = [math]::Max($counts.LargestTempMB, [math]::Round(($temps | Measure-Object Length -Maximum).Maximum / 1MB, 1))
        }
        # A leftover is stale once old enough; age it rather than wait, then export once more.
        $temps | ForEach-Object { $_.LastWriteTimeUtc = [datetime]::UtcNow.AddHours(-1) }
        $last | Export-NeuralNetwork -Path $path
        $counts.TempAfterNextExport += @(Get-ChildItem $folder -Force -Filter '.big.json.*.tmp').Count
    }
}
finally { Remove-Item $folder -Recurse -Force -ErrorAction Ignore }
"$Rounds kills: $($counts.A + $counts.B) whole ($($counts.A) with the network 200-1000-10, $($counts.B) with 200-1000-11), $($counts.Torn) torn; " +
"a temporary file left in $($counts.LeftTemp) (largest $($counts.LargestTempMB) MB); temporary files after the next export: $($counts.TempAfterNextExport)"
