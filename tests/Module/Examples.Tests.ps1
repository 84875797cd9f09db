# Runs every script in examples/ as a user would, so the README's examples cannot rot.
BeforeDiscovery {
    $scripts = Get-ChildItem (Join-Path $PSScriptRoot '../../examples') -Filter '0*.ps1' | ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'examples/<Name>' -ForEach $scripts {
    It 'runs without error and shows what it promises' {
        $folder = Join-Path $TestDrive ([IO.Path]::GetFileNameWithoutExtension($Name))
        New-Item -ItemType Directory $folder | Out-Null
        $output = & $Path -ModulePath $script:ModulePath -OutputFolder $folder
        $output | Should -Not -BeNullOrEmpty
        switch -Wildcard ($Name) {
            '01-*' { $output.Identical | Should -Be $true, $true, $true, $true }
            '02-*' { ($output | Where-Object { $_.PSObject.Properties['Accuracy'] }).Accuracy | Should -BeGreaterOrEqual 0.93 }
            '03-*' { ($output | Where-Object { $_.PSObject.Properties['RSquared'] }).RSquared | Should -BeGreaterThan 0.85 }
            '04-*' { ($output | Where-Object { $_.PSObject.Properties['IdenticalPredictions'] }).IdenticalPredictions | Should -BeTrue
                     ($output | Where-Object { $_.PSObject.Properties['Accuracy'] }).Accuracy | Should -BeGreaterThan 0.8 }
            '05-*' { @($output | Where-Object { $_.PSObject.Properties['MeanScore'] }).Count | Should -Be 4
                     Test-Path (Join-Path $folder 'best-iris.json') | Should -BeTrue }
            '06-*' { ($output | Where-Object { $_ -is [string] }) -join "`n" | Should -Match 'training loss'
                     Test-Path (Join-Path $folder 'iris-loss.svg'), (Join-Path $folder 'iris-network.svg') | Should -Be $true, $true }
        }
    }
}
