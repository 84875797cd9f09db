# Installing as users install modules (issue 17): build.ps1 -Task Package (run by -Task Test) packs
# out/NeuralNet with PSResourceGet into NeuralNet.<version>.nupkg, the layout Publish-PSResource
# uploads (checked against Publish-PSResource itself, to a folder repository); one version runs
# through the manifests, the assemblies and the package; and a fresh
# PowerShell installs it from a local repository with Install-PSResource, imports it by name, trains
# iris and predicts. That PowerShell's home is a temporary folder, so PSResourceGet's repository store
# and the CurrentUser module folder are temporary too and the user's own are never touched.
BeforeDiscovery {
    # On Windows PSResourceGet's CurrentUser folder (Documents) and its repository store (LocalAppData)
    # are known folders, which no environment variable moves: the child sessions would touch the
    # user's own modules and repositories.
    $skipInstall = $IsWindows
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $script:ModuleRoot = Split-Path $script:ModulePath
    $script:PackageFolder = if ($env:NEURALNET_PACKAGE) { $env:NEURALNET_PACKAGE } else { Join-Path $PSScriptRoot '../../artifacts/package' }
    $script:Manifest = Import-PowerShellDataFile $script:ModulePath
    $script:Version = $script:Manifest.ModuleVersion
    $script:Package = Join-Path $script:PackageFolder "NeuralNet.$($script:Version).nupkg"
    if (-not (Test-Path $script:Package)) { throw "No $($script:Package): build.ps1 -Task Package (or -Task Test) makes it." }

    # The package's entries by name, and the text of the XML ones.
    $zip = [System.IO.Compression.ZipFile]::OpenRead($script:Package)
    try {
        $script:Entries = @($zip.Entries | ForEach-Object FullName)
        $script:Bytes = @{}
        foreach ($entry in $zip.Entries) {
            $stream = $entry.Open(); $memory = [System.IO.MemoryStream]::new()
            try { $stream.CopyTo($memory) } finally { $stream.Dispose() }
            $script:Bytes[$entry.FullName] = $memory.ToArray()
        }
    }
    finally { $zip.Dispose() }
    function Get-EntryXml([string] $name) { [xml][System.Text.Encoding]::UTF8.GetString($script:Bytes[$name]).TrimStart([char]0xFEFF) }
    $script:Nuspec = (Get-EntryXml 'NeuralNet.nuspec').package.metadata

    # Runs a script in a fresh PowerShell whose home (and with it PSResourceGet's repository store and
    # the CurrentUser module folder) is HomeFolder, and returns its console output. PowerShell runs
    # straight from its own folder, since the dotnet tool that starts it here looks for itself under
    # the home. The folders exist first: .NET gives an empty folder for one that does not, and
    # PSResourceGet would then keep its store in the current directory (the child's is the test drive's).
    function Invoke-FreshPowerShell([string] $HomeFolder, [string] $Script, [object[]] $Arguments) {
        $saved = @{}
        $variables = @{ HOME = $HomeFolder; XDG_DATA_HOME = (Join-Path $HomeFolder '.local/share'); XDG_CONFIG_HOME = (Join-Path $HomeFolder '.config'); XDG_CACHE_HOME = (Join-Path $HomeFolder '.cache') }
        foreach ($name in $variables.Keys) {
            New-Item -ItemType Directory -Path $variables[$name] -Force | Out-Null
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        }
        Push-Location $TestDrive
        try {
            foreach ($name in $variables.Keys) { [Environment]::SetEnvironmentVariable($name, $variables[$name]) }
            & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoLogo -NoProfile -NonInteractive -File $Script @Arguments 2>&1 | Out-String
        }
        finally {
            foreach ($name in $variables.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            Pop-Location
        }
    }

    # A package's entry names, the core properties' random name made constant.
    function Get-EntryName([string] $Path) {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try { @($zip.Entries | ForEach-Object { $_.FullName -replace '[0-9a-f]{32}\.psmdcp$', 'x.psmdcp' } | Sort-Object) }
        finally { $zip.Dispose() }
    }
}

Describe 'The package' {
    It 'is NeuralNet.<version>.nupkg, the manifest''s version, alone in its folder' {
        @(Get-ChildItem $script:PackageFolder -Filter '*.nupkg' | ForEach-Object Name) | Should -Be "NeuralNet.$($script:Version).nupkg"
    }

    It 'has a CHANGELOG.md whose newest entry is the manifest''s version, and release notes that start with it' {
        $headings = @(Get-Content (Join-Path $script:ModuleRoot 'CHANGELOG.md') | Where-Object { $_ -match '^## ' })
        $headings[0] | Should -Match "^## $([regex]::Escape($script:Version)) "
        $script:Manifest.PrivateData.PSData.ReleaseNotes | Should -Match "^$([regex]::Escape($script:Version)): "
    }

    It 'has the layout Publish-PSResource makes: the nuspec, [Content_Types].xml, _rels/.rels, the core properties and the module at the root' {
        $script:Entries | Should -Contain 'NeuralNet.nuspec'
        $script:Entries | Should -Contain '[Content_Types].xml'
        $script:Entries | Should -Contain '_rels/.rels'
        $properties = @($script:Entries | Where-Object { $_ -match '^package/services/metadata/core-properties/[0-9a-f]{32}\.psmdcp$' })
        $properties.Count | Should -Be 1
        $relationships = (Get-EntryXml '_rels/.rels').Relationships.Relationship
        ($relationships | Where-Object Type -EQ 'http://schemas.microsoft.com/packaging/2010/07/manifest').Target | Should -Be '/NeuralNet.nuspec'
        ($relationships | Where-Object Type -Like '*/metadata/core-properties').Target | Should -Be "/$($properties[0])"
        $types = (Get-EntryXml '[Content_Types].xml').Types.Default
        $extensions = @($script:Entries | Where-Object { $_ -notlike '_rels/*' -and $_ -ne '[Content_Types].xml' } | ForEach-Object { [System.IO.Path]::GetExtension($_).TrimStart('.') } | Where-Object { $_ } | Sort-Object -Unique)
        foreach ($extension in $extensions) { $types.Extension | Should -Contain $extension }
        $core = (Get-EntryXml $properties[0]).coreProperties
        $core.identifier | Should -Be 'NeuralNet'
        $core.version | Should -Be $script:Version
    }

    It 'has a nuspec made from the manifest: id, version, authors, owners, licenseUrl, projectUrl, description, releaseNotes, copyright, tags' {
        $psData = $script:Manifest.PrivateData.PSData
        $script:Nuspec.id | Should -Be 'NeuralNet'
        $script:Nuspec.version | Should -Be $script:Version
        $script:Nuspec.authors | Should -Be $script:Manifest.Author
        $script:Nuspec.owners | Should -Be $script:Manifest.CompanyName
        $script:Nuspec.licenseUrl | Should -Be $psData.LicenseUri
        $script:Nuspec.projectUrl | Should -Be $psData.ProjectUri
        $script:Nuspec.description | Should -Be $script:Manifest.Description
        $script:Nuspec.releaseNotes | Should -Be $psData.ReleaseNotes
        $script:Nuspec.copyright | Should -Be $script:Manifest.Copyright
        $script:Nuspec.tags -split ' ' | Should -Be (@('PSModule') + $psData.Tags)
        $script:Nuspec.requireLicenseAcceptance | Should -Be 'false'
    }

    It 'holds out/NeuralNet byte for byte: both builds, help, formats, types, LICENSE, CHANGELOG.md' {
        $files = @(Get-ChildItem $script:ModuleRoot -Recurse -File | ForEach-Object { [System.IO.Path]::GetRelativePath($script:ModuleRoot, $_.FullName).Replace('\', '/') })
        foreach ($file in 'NeuralNet.psd1', 'NeuralNet.psm1', 'NeuralNet.format.ps1xml', 'NeuralNet.types.ps1xml', 'en-US/NeuralNet.PowerShell.dll-Help.xml',
            'en-US/about_NeuralNet.help.txt', 'LICENSE', 'CHANGELOG.md', 'THIRD-PARTY-NOTICES.md', 'net8.0/NeuralNet.PowerShell.dll', 'net8.0/NeuralNet.Binary.psd1',
            'net8.0/dependencies/NeuralNet.Core.dll', 'net8.0/dependencies/MathNet.Numerics.dll', 'netstandard2.0/NeuralNet.PowerShell.dll',
            'netstandard2.0/NeuralNet.Core.dll', 'netstandard2.0/NeuralNet.Binary.psd1') {
            $files | Should -Contain $file
        }
        $packed = @($script:Entries | Where-Object { $_ -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$|NeuralNet\.nuspec$)' })
        $packed | Sort-Object | Should -Be ($files | Sort-Object)
        foreach ($file in $files) {
            [System.Linq.Enumerable]::SequenceEqual($script:Bytes[$file], [System.IO.File]::ReadAllBytes((Join-Path $script:ModuleRoot $file))) | Should -BeTrue -Because $file
        }
    }

    It 'carries one version: the manifest''s, each build manifest''s, both assemblies'' in each build, the nuspec''s' {
        foreach ($build in 'net8.0', 'netstandard2.0') {
            (Import-PowerShellDataFile (Join-Path $script:ModuleRoot $build 'NeuralNet.Binary.psd1')).ModuleVersion | Should -Be $script:Version
            $core = if ($build -eq 'net8.0') { 'dependencies/NeuralNet.Core.dll' } else { 'NeuralNet.Core.dll' }
            foreach ($assembly in 'NeuralNet.PowerShell.dll', $core) {
                [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $script:ModuleRoot $build $assembly)).Version.ToString(3) | Should -Be $script:Version -Because "$build/$assembly"
            }
        }
        [NeuralNet.PowerShell.NeuralNetwork].Assembly.GetName().Version.ToString(3) | Should -Be $script:Version
        (Get-Module NeuralNet).Version.ToString() | Should -Be $script:Version
        $script:Nuspec.version | Should -Be $script:Version
    }

    It 'is what Publish-PSResource uploads: publishing out/NeuralNet to a folder repository gives the same entries and nuspec' -Skip:$skipInstall {
        $repository = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'published') -Force
        $script = Join-Path $TestDrive 'publish.ps1'
        Set-Content -Path $script -Value @'
param([string] $Module, [string] $Repository)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name published -Uri $Repository -Trusted
Publish-PSResource -Path $Module -Repository published
'@
        $console = Invoke-FreshPowerShell -HomeFolder (Join-Path $TestDrive 'publish-home') -Script $script -Arguments @('-Module', $script:ModuleRoot, '-Repository', $repository.FullName)
        $published = Join-Path $repository "NeuralNet.$($script:Version).nupkg"
        if (-not (Test-Path $published)) { throw "Publish-PSResource wrote no $published`: $console" }
        Get-EntryName $published | Should -Be (Get-EntryName $script:Package)
        $zip = [System.IO.Compression.ZipFile]::OpenRead($published)
        try {
            $stream = $zip.GetEntry('NeuralNet.nuspec').Open(); $memory = [System.IO.MemoryStream]::new()
            try { $stream.CopyTo($memory) } finally { $stream.Dispose() }
        }
        finally { $zip.Dispose() }
        $memory.ToArray() | Should -Be $script:Bytes['NeuralNet.nuspec']
    }

    It 'stamps the version into saved networks' {
        $net = New-TutorialNetwork
        ($net.ModelJson | ConvertFrom-Json).moduleVersion | Should -Be $script:Version
    }
}

Describe 'Installing it' {
    It 'installs from a local repository in a fresh PowerShell, imports by name, trains iris and predicts' -Skip:$skipInstall {
        $home_ = Join-Path $TestDrive 'home'
        $modules = Join-Path $home_ '.local/share/powershell/Modules'
        $out = Join-Path $TestDrive 'install.json'
        $script = Join-Path $TestDrive 'install.ps1'
        Set-Content -Path $script -Value @'
param([string] $Repository, [string] $Modules, [string] $Iris, [string] $Out)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name local -Uri $Repository -Trusted
try {
    $repositories = @(Get-PSResourceRepository | ForEach-Object Name)
    Install-PSResource -Name NeuralNet -Repository local -TrustRepository -Scope CurrentUser
    $env:PSModulePath = $Modules + [System.IO.Path]::PathSeparator + $env:PSModulePath
    Import-Module NeuralNet
    $rows = Import-Csv $Iris
    $train = for ($i = 0; $i -lt $rows.Count; $i++) { if ($i % 5) { $rows[$i] } }
    $test = for ($i = 0; $i -lt $rows.Count; $i += 5) { $rows[$i] }
    $net = New-NeuralNetwork -HiddenLayers 8 -Seed 1
    $train | Invoke-NetworkTraining -Network $net -Target species -Epochs 300 | Out-Null
    $predictions = @($test | Get-NetworkPrediction -Network $net)
    $module = Get-Module NeuralNet
    [pscustomobject]@{
        Repositories = $repositories
        Installed    = @(Get-InstalledPSResource -Name NeuralNet -Scope CurrentUser | ForEach-Object { "$($_.Version)" })
        ModuleBase   = $module.ModuleBase
        Version      = "$($module.Version)"
        Cmdlets      = $module.ExportedCmdlets.Count
        Assembly     = [NeuralNet.PowerShell.NeuralNetwork].Assembly.Location
        Predictions  = $predictions.Count
        Right        = @($predictions | Where-Object { $_.species -eq $_.Prediction }).Count
        Help         = (Get-Help Invoke-NetworkTraining).Synopsis
    } | ConvertTo-Json | Set-Content -Path $Out
}
finally { Unregister-PSResourceRepository -Name local }
'@
        $console = Invoke-FreshPowerShell -HomeFolder $home_ -Script $script -Arguments @('-Repository', $script:PackageFolder, '-Modules', $modules,
            '-Iris', (Join-Path $script:DataFolder 'iris.csv'), '-Out', $out)
        if (-not (Test-Path $out)) { throw "The install session wrote no result: $console" }
        $result = Get-Content $out -Raw | ConvertFrom-Json

        $result.Repositories | Should -Contain 'local'
        $result.Installed | Should -Be $script:Version
        $installed = Join-Path $modules "NeuralNet/$($script:Version)"
        $result.ModuleBase | Should -Be $installed
        $result.Version | Should -Be $script:Version
        $result.Cmdlets | Should -Be $script:Manifest.CmdletsToExport.Count
        $result.Assembly | Should -BeLike "$installed*NeuralNet.PowerShell.dll"
        $result.Help | Should -Not -BeNullOrEmpty
        $result.Help | Should -Not -Be 'Invoke-NetworkTraining'   # the MAML help, not the bare syntax
        $result.Predictions | Should -Be 30
        $result.Right | Should -BeGreaterOrEqual 27
        # PSResourceGet kept its store under the temporary home, and the repository is gone from it.
        $store = Join-Path $home_ '.local/share/PSResourceGet/PSResourceRepository.xml'
        $store | Should -Exist
        Get-Content $store -Raw | Should -Match 'Name="PSGallery"'
        Get-Content $store -Raw | Should -Not -Match 'Name="local"'
        Join-Path $TestDrive 'PSResourceGet' | Should -Not -Exist
        Join-Path $installed 'net8.0/dependencies/NeuralNet.Core.dll' | Should -Exist
        Join-Path $installed 'LICENSE' | Should -Exist
    }
}
