# The session the fault battery (Battery.Tests.ps1) runs its cases in: the module, networks and rows
# every case may use (trained once, shared; a case that changes a network makes its own), helpers
# that build bad input, the runner of one case and the check that the session is still usable.
# Dot-sourced into a runspace of its own with $ModulePath and $DataFolder set.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $ModulePath
$IrisPath = Join-Path $DataFolder 'iris.csv'
$Iris = Import-Csv $IrisPath
$Features = 'sepal_length', 'sepal_width', 'petal_length', 'petal_width'

# Classes from iris; a number (petal_width) from iris; the tutorial's matrices; a categorical column.
$IrisNet = New-NeuralNetwork -HiddenLayers 4 -Seed 1
$Iris | Invoke-NetworkTraining -Network $IrisNet -Target species -Epochs 20 | Out-Null
$IrisJson = $IrisNet.ModelJson
$RegNet = New-NeuralNetwork -HiddenLayers 4 -Seed 1
$Iris | Invoke-NetworkTraining -Network $RegNet -Target petal_width -Epochs 10 | Out-Null
$X = [double[][]]@((0, 0, 1), (1, 1, 1), (1, 0, 1), (0, 1, 1))
$Y = [double[][]]@((, 0), (, 1), (, 1), (, 0))
$MatrixNet = New-NeuralNetwork -LayerSizes 3, 4, 1 -Seed 1
Invoke-NetworkTraining -Network $MatrixNet -FeatureMatrix $X -TargetMatrix $Y -Epochs 5 | Out-Null
$Tutorial = @(
    [pscustomobject]@{ x1 = 0; x2 = 0; x3 = 1; y = 0 }
    [pscustomobject]@{ x1 = 1; x2 = 1; x3 = 1; y = 1 }
    [pscustomobject]@{ x1 = 1; x2 = 0; x3 = 1; y = 1 }
    [pscustomobject]@{ x1 = 0; x2 = 1; x3 = 1; y = 0 })
$Colors = foreach ($i in 1..60) { [pscustomobject]@{ color = ('red', 'green', 'blue')[$i % 3]; x = $i / 10; label = ('a', 'b')[[int]($i % 3 -eq 0)] } }
$ColorNet = New-NeuralNetwork -HiddenLayers 3 -Seed 1
$Colors | Invoke-NetworkTraining -Network $ColorNet -Target label -Epochs 5 | Out-Null
$SkipNet = New-NeuralNetwork -HiddenLayers 3 -Seed 1
$Iris | Invoke-NetworkTraining -Network $SkipNet -Target species -Epochs 5 -MissingValue Skip | Out-Null
$Rows = foreach ($i in 1..40) { [pscustomobject]@{ a = $i; b = $i % 7; y = 2 * $i } }

# Iris rows as new objects (cases change them freely).
function Copy-Iris([int] $count = 150) { $Iris | Select-Object -First $count | Select-Object * }

# A file in the case's folder with exactly this text (UTF-8, no byte order mark).
function New-TextFile([string] $name, [string] $text) {
    $path = Join-Path (Get-Location).ProviderPath $name
    [IO.File]::WriteAllText($path, $text, [Text.UTF8Encoding]::new($false))
    $path
}

# The iris network's file with one change made to its JSON document (a scriptblock taking it).
function New-ModelVariant([string] $name, [scriptblock] $change) {
    $document = $IrisJson | ConvertFrom-Json -Depth 30
    & $change $document
    New-TextFile $name ($document | ConvertTo-Json -Depth 30)
}

# What Import-Clixml (or a remote session) gives back for a network whose ModelJson is this value.
function New-SerializedNetwork($modelJson, [string] $property = 'ModelJson') {
    $bag = [pscustomobject]@{ $property = $modelJson }
    $bag.PSObject.TypeNames.Insert(0, 'NeuralNet.PowerShell.NeuralNetwork')
    $path = Join-Path (Get-Location).ProviderPath 'bag.xml'
    $bag | Export-Clixml $path
    Import-Clixml $path
}

# The file names of a folder, hidden ones (temporary files) included.
function Get-FolderContent([string] $folder = '.') { @(Get-ChildItem $folder -Force | ForEach-Object Name | Sort-Object) }

# Starts a training of $network in another runspace that runs until Stop-Background; returns once it is under way.
function Start-Background($network, $rows = $Iris, [string] $target = 'species') {
    $ps = [powershell]::Create()
    $null = $ps.AddScript({ param($module, $n, $r, $t) Import-Module $module; $r | Invoke-NetworkTraining -Network $n -Target $t -Epochs 1000000 -BatchSize 1 }).
        AddArgument($ModulePath).AddArgument($network).AddArgument($rows).AddArgument($target)
    $null = $ps.BeginInvoke()
    $deadline = [datetime]::Now.AddSeconds(30)
    while ($network.EpochsTrained -lt 1 -and [datetime]::Now -lt $deadline) { Start-Sleep -Milliseconds 20 }
    $ps
}
function Stop-Background($ps) { $ps.Stop(); $ps.Dispose() }

# A child PowerShell running $script; returns its output lines (stderr merged).
function Invoke-Child([string] $script, [int] $seconds = 60) {
    $file = Join-Path (Get-Location).ProviderPath 'child.ps1'
    Set-Content $file $script
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $start = [System.Diagnostics.ProcessStartInfo]::new($pwsh)
    foreach ($a in '-NoLogo', '-NoProfile', '-NonInteractive', '-File', $file) { $start.ArgumentList.Add($a) }
    $start.RedirectStandardOutput = $true; $start.RedirectStandardError = $true; $start.UseShellExecute = $false
    $start.WorkingDirectory = (Get-Location).ProviderPath
    $start.Environment['NEURALNET_MODULE'] = $ModulePath
    foreach ($name in 'MATHNET_415', 'PROTOBUF_321') { if ([Environment]::GetEnvironmentVariable($name)) { $start.Environment[$name] = [Environment]::GetEnvironmentVariable($name) } }
    $process = [System.Diagnostics.Process]::Start($start)
    $out = $process.StandardOutput.ReadToEndAsync(); $err = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($seconds * 1000)) { $process.Kill($true); throw "The child PowerShell did not finish within $seconds seconds." }
    (($out.Result + $err.Result) -split "`r?`n") | Where-Object { $_ }
}

# The path of a package's assembly in the NuGet cache, restored there first if it is missing (an
# ordinary restore of a throw-away project). Cases that need one say SKIP when it cannot be had.
function Get-PackageAssembly([string] $id, [string] $version, [string] $file) {
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $path = Join-Path $packages "$($id.ToLowerInvariant())/$version/lib/netstandard2.0/$file"
    if (-not (Test-Path $path)) {
        $project = Join-Path ([IO.Path]::GetTempPath()) "nn-battery-restore-$id-$version"
        New-Item -ItemType Directory $project -Force | Out-Null
        Set-Content (Join-Path $project 'restore.csproj') "<Project Sdk=`"Microsoft.NET.Sdk`"><PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup><ItemGroup><PackageDownload Include=`"$id`" Version=`"[$version]`" /></ItemGroup></Project>"
        dotnet restore (Join-Path $project 'restore.csproj') --nologo -v quiet 2>&1 | Out-Null
        Remove-Item $project -Recurse -Force -ErrorAction Ignore
        if (-not (Test-Path $path)) { throw "SKIP: $id $version could not be restored from the package source" }
    }
    $path
}

# A child PowerShell's script for the dependency cases: $Before, the module's import, $AfterImport,
# a training (L-BFGS and seeding use MathNet; -Quoted reads a quoted CSV file, which Sylvan parses)
# that prints "trained: True" or why not, then $After (with the network as $n).
function Get-DependencyScript([string] $Before, [string] $AfterImport, [string] $After, [switch] $Quoted) {
    $env:MATHNET_415 = Get-PackageAssembly MathNet.Numerics 4.15.0 MathNet.Numerics.dll
    $env:PROTOBUF_321 = Get-PackageAssembly Google.Protobuf 3.21.9 Google.Protobuf.dll
    $csv = Join-Path (Get-Location).ProviderPath 'quoted.csv'
    if ($Quoted) { $Iris | Export-Csv $csv -UseQuotes Always }
    @"
`$ErrorActionPreference = 'Stop'
$Before
Import-Module `$env:NEURALNET_MODULE
$AfterImport
try {
    `$n = New-NeuralNetwork -HiddenLayers 3 -Seed 1
    $(if ($Quoted) { "Invoke-NetworkTraining -Network `$n -Path '$csv' -Target species -Epochs 2 | Out-Null" } else { "Import-Csv '$IrisPath' | Invoke-NetworkTraining -Network `$n -Target species -Epochs 2 -Optimizer Lbfgs | Out-Null" })
    'trained: True'
}
catch { "trained: False (`$(`$_.FullyQualifiedErrorId): `$(`$_.Exception.Message))" }
$After
"@
}

# Runs one case's script in a scope of its own, in $Folder: its terminating error, its non-terminating
# errors, warnings and output, and then (in the same scope, so it sees the case's variables) its check.
function Invoke-BatteryCase([string] $Run, [string] $Check, [string] $Folder) {
    Set-Location -LiteralPath $Folder
    $result = [pscustomobject]@{ Error = $null; Errors = @(); Warnings = @(); Output = @(); Check = $null; CheckError = $null }
    & {
        $ErrorActionPreference = 'Continue'
        $WarningPreference = 'Continue'
        $__items = [System.Collections.Generic.List[object]]::new()
        try {
            . ([scriptblock]::Create($Run)) 2>&1 3>&1 | ForEach-Object { $__items.Add($_) }
        }
        catch {
            $result.Error = $_
        }
        $result.Errors = @($__items | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $result.Warnings = @($__items | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object Message)
        $result.Output = @($__items | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] })
        if ($Check) {
            try { $result.Check = [bool](. ([scriptblock]::Create($Check))) } catch { $result.CheckError = "$_" }
        }
    }
    Set-Location -LiteralPath $DataFolder
    $result
}

# The session is usable: a new network trains and predicts finite numbers, and the shared networks
# are free (not left held by a case) and predict as before.
function Test-BatterySession {
    $probe = New-NeuralNetwork -HiddenLayers 3 -Seed 7
    $Tutorial | Invoke-NetworkTraining -Network $probe -Target y -Epochs 3 | Out-Null
    $p = @($Tutorial | Get-NetworkPrediction -Network $probe)
    if ($p.Count -ne 4 -or @($p | Where-Object { [double]::IsNaN($_.Prediction) -or [double]::IsInfinity($_.Prediction) }).Count) { throw 'the probe network predicted wrongly' }
    $iris = $Iris[0] | Get-NetworkPrediction -Network $IrisNet
    if ($iris.Prediction -notin 'setosa', 'versicolor', 'virginica') { throw 'the shared iris network no longer predicts' }
    $null = Get-NetworkPrediction -Network $MatrixNet -FeatureMatrix $X
    $null = $RegNet.ModelJson, $ColorNet.ModelJson, $SkipNet.ModelJson
    $true
}
