BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $rows = Import-Csv (Join-Path $script:DataFolder 'iris.csv')
    $net = New-NeuralNetwork -HiddenLayers 8 -Seed 1
    $rows | Invoke-NetworkTraining -Network $net -Target species -Epochs 60 -ValidationSplit 0.2 | Out-Null
    $historyId = 'NeuralNet.PowerShell.Commands.ExportNetworkTrainingHistoryCommand'
}

Describe 'Show-NetworkTrainingHistory' {
    It 'draws the loss curve with braille characters, axis labels, and fits the width' {
        $lines = Show-NetworkTrainingHistory -Network $net -Width 70 -Height 12 -Color:$false
        $lines[0] | Should -Match 'Loss of 4-8-3 \(60 epochs, CrossEntropy\)'
        $lines.Count | Should -Be (1 + 12 + 3)
        ($lines | Where-Object { $_ -match '[\u2801-\u28FF]' }).Count | Should -BeGreaterThan 5
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 70 }
        $lines[-2] | Should -Match '\b60\b'
        $lines[-1] | Should -Match 'training loss.*validation loss'
        ($lines[1..12] -match '┤').Count | Should -BeGreaterThan 1
    }

    It 'colours the two curves when asked, and says when there is nothing to draw' {
        (Show-NetworkTrainingHistory -Network $net -Width 70 -Color) -join "`n" | Should -Match ([regex]::Escape("$([char]27)[93m"))
        Show-NetworkTrainingHistory -Network (New-NeuralNetwork -HiddenLayers 3) | Should -Contain '(no epochs trained yet)'
    }
}

Describe 'Export-NetworkTrainingHistory' {
    It 'writes an SVG chart with title, axes, both curves and a legend' {
        $path = Join-Path $TestDrive 'loss.svg'
        $file = $net | Export-NetworkTrainingHistory -Path $path -PassThru
        $file.FullName | Should -Be $path
        $svg = [xml](Get-Content $path -Raw)
        $svg.svg.title | Should -Match '4-8-3'
        @($svg.svg.polyline).Count | Should -Be 2
        ($svg.svg.text | ForEach-Object { $_.'#text' }) | Should -Contain 'Epoch'
        (Get-Content $path -Raw) | Should -Match 'Validation loss'
    }

    It 'writes the history as CSV that reads back to the same numbers' {
        $path = Join-Path $TestDrive 'loss.csv'
        $net | Export-NetworkTrainingHistory -Path $path
        $back = Import-Csv $path
        $back.Count | Should -Be 60
        [double]$back[-1].Loss | Should -Be $net.TrainingHistory[-1].Loss
        [double]$back[-1].ValidationLoss | Should -Be $net.TrainingHistory[-1].ValidationLoss
    }

    It 'honours -WhatIf and refuses an unknown extension' {
        $path = Join-Path $TestDrive 'whatif.svg'
        $net | Export-NetworkTrainingHistory -Path $path -WhatIf
        Test-Path $path | Should -BeFalse
        { $net | Export-NetworkTrainingHistory -Path (Join-Path $TestDrive 'loss.txt') -ErrorAction Stop } | Should -Throw -ErrorId "UnknownFormat,$historyId"
    }
}

Describe 'Export-NetworkDiagram' {
    It 'draws every unit and connection of the tutorial network' {
        $path = Join-Path $TestDrive 'tutorial.svg'
        New-TutorialNetwork | Export-NetworkDiagram -Path $path
        $svg = [xml](Get-Content $path -Raw)
        @($svg.svg.circle).Count | Should -Be (3 + 4 + 1)
        @($svg.svg.g.line).Count | Should -Be (3 * 4 + 4 * 1)
        (Get-Content $path -Raw) | Should -Match '>x1<'
    }

    It 'names inputs and classes, and elides wide layers' {
        $path = Join-Path $TestDrive 'iris.svg'
        $wide = New-NeuralNetwork -HiddenLayers 40 -Seed 1 | Invoke-NetworkTraining -InputObject $rows -Target species -Epochs 1
        $wide | Export-NetworkDiagram -Path $path
        $text = Get-Content $path -Raw
        $text | Should -Match 'petal_width'
        $text | Should -Match 'species=virginica'
        $text | Should -Match '⋮'
        @(([xml]$text).svg.circle).Count | Should -Be (4 + 22 + 3)
    }

    It 'refuses a network whose sizes are not known yet' {
        { New-NeuralNetwork -HiddenLayers 4 | Export-NetworkDiagram -Path (Join-Path $TestDrive 'x.svg') -ErrorAction Stop } |
            Should -Throw -ErrorId 'NetworkNotTrained,NeuralNet.PowerShell.Commands.ExportNetworkDiagramCommand'
    }
}
