# The fault battery of issue 15: bad input and faults in seven areas (battery-cases.psd1), each case a
# row of the table. Every case runs in one long-lived session (a runspace of its own, with the shared
# networks of BatteryFixtures.ps1) within a time bound, and must end cleanly:
# - an error case stops with a terminating ErrorRecord whose id (FullyQualifiedErrorId) and category
#   are the table's, whose id is no .NET exception type, whose message names what the table says (the
#   row, the column, the file, the fix) without a .NET exception's text, and whose target is the
#   offending object where the table names it; other outcomes (a warning, a non-terminating error, a
#   clean run, a stop) are the table's too;
# - nothing it printed is NaN, its check (the state on disk, the network afterwards) holds;
# - and the session is still usable afterwards: a small training and prediction work, and the shared
#   networks are free and predict.
# A case the table marks Known is a bug left out of this work (the table says why): while it fails it
# is reported as skipped with its reason (for the lead), and once it passes it passes.
BeforeDiscovery {
    $table = Import-PowerShellDataFile (Join-Path $PSScriptRoot 'battery-cases.psd1')
    $isRoot = -not $IsWindows -and ((id -u) -eq '0')
    $build = if ($env:NEURALNET_BUILD) { $env:NEURALNET_BUILD } elseif ($PSVersionTable.PSVersion -ge [version]'7.4') { 'net8.0' } else { 'netstandard2.0' }
    $cases = foreach ($case in $table.Cases) {
        $skip = switch ($case.Needs) {
            'Root' { if (-not $isRoot) { 'needs root' } }
            'NotRoot' { if ($isRoot) { 'root reads and writes any file, so permissions cannot be refused' } }
            'Unix' { if ($IsWindows) { 'needs Unix file types' } }
            'Linux' { if (-not $IsLinux) { 'needs Linux' } }
            'WindowsPowerShell' { 'needs Windows PowerShell 5.1, which this machine does not have' }
            # Only the net8.0 build keeps its dependencies in a load context of its own; the netstandard2.0
            # build refuses the import instead (DependencyConflicts.Tests.ps1 checks that).
            'OwnLoadContext' { if ($build -ne 'net8.0') { "needs the net8.0 build's own load context; the $build build refuses the import with DependencyVersionConflict" } }
            default { $null }
        }
        @{ Case = $case; Skip = $skip; Name = "$($case.Id) ($($case.Area)): $($case.Case)" }
    }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $cmdletIds = @{}
    foreach ($name in (Get-Module NeuralNet).ExportedCmdlets.Keys) { $cmdletIds[$name] = "NeuralNet.PowerShell.Commands.$($name -replace '-', '')Command" }

    # The battery's own session: the module, the shared networks, the helpers.
    function New-BatterySession {
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $runspace.SessionStateProxy.SetVariable('ModulePath', $script:ModulePath)
        $runspace.SessionStateProxy.SetVariable('DataFolder', (Resolve-Path $script:DataFolder).Path)
        $setup = [powershell]::Create()
        $setup.Runspace = $runspace
        $null = $setup.AddScript(". '$(Join-Path $PSScriptRoot 'BatteryFixtures.ps1')'").Invoke()
        if ($setup.HadErrors) { throw "The battery's session could not be set up: $($setup.Streams.Error | Out-String)" }
        $setup.Dispose()
        $runspace
    }
    $script:session = New-BatterySession

    # A case that hangs in a call nothing can interrupt (opening a FIFO, say) is released by opening
    # the FIFOs of its folder for writing; if it still does not stop, the session is replaced.
    function Stop-Hung($ps, $async, [string] $folder) {
        $null = $ps.BeginStop($null, $null)
        if ($async.AsyncWaitHandle.WaitOne(5000)) { return }
        if (-not $IsWindows -and $folder) {
            foreach ($fifo in Get-ChildItem $folder -Force | Where-Object { (ls -ld $_.FullName)[0] -eq 'p' }) {
                Start-Process /bin/sh -ArgumentList '-c', ": > '$($fifo.FullName)'" | Out-Null
            }
            if ($async.AsyncWaitHandle.WaitOne(5000)) { return }
        }
        $script:session = New-BatterySession
    }

    # Runs a command in the battery's session, within $seconds; $stopAfter stops it (Ctrl+C) after that many milliseconds.
    function Invoke-InSession([string] $command, [hashtable] $parameters, [double] $seconds, [int] $stopAfter = 0, [string] $folder) {
        $ps = [powershell]::Create()
        $ps.Runspace = $script:session
        $null = $ps.AddCommand($command)
        foreach ($key in $parameters.Keys) { $null = $ps.AddParameter($key, $parameters[$key]) }
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $async = $ps.BeginInvoke()
        $stopped = $false
        if ($stopAfter -gt 0 -and -not $async.AsyncWaitHandle.WaitOne($stopAfter)) {
            $stopped = $true
            $null = $ps.BeginStop($null, $null)
        }
        if (-not $async.AsyncWaitHandle.WaitOne([int]($seconds * 1000))) {
            Stop-Hung $ps $async $folder
            throw "'$command' did not finish within $seconds seconds$(if ($stopped) { ' of being stopped' })"
        }
        $output = try { $ps.EndInvoke($async) } catch [System.Management.Automation.PipelineStoppedException] { $null }
        [pscustomobject]@{ Output = $output; Stopped = $stopped; Seconds = $clock.Elapsed.TotalSeconds; Errors = @($ps.Streams.Error) }
    }

    function Get-Rendering($value) {
        if ($null -eq $value) { return '' }
        if ($value -is [System.Collections.IEnumerable] -and $value -isnot [string]) { return (@($value) | ForEach-Object { "$_" }) -join ',' }
        "$value"
    }

    # NaN anywhere a case printed: a number, or a number property of an object.
    function Find-NaN($items) {
        foreach ($item in $items) {
            if ($item -is [double] -and ([double]::IsNaN($item) -or [double]::IsInfinity($item))) { return "$item" }
            if ($item -is [psobject] -and $item.BaseObject -isnot [string]) {
                foreach ($p in $item.PSObject.Properties) {
                    try { $v = $p.Value } catch { continue }
                    # A failed experiment configuration says so in its Error, and its scores are NaN.
                    $failed = $item.PSObject.Properties['Error']
                    if ($v -is [double] -and [double]::IsNaN($v) -and -not ($failed -and $failed.Value)) { return "$($p.Name) = NaN" }
                }
            }
        }
    }

    function Assert-CleanError($err, $case) {
        $expectedId = if ($case.Cmdlet) { "$($case.Error),$($cmdletIds[$case.Cmdlet])" } else { $case.Error }
        $id = $err.FullyQualifiedErrorId
        $id | Should -Be $expectedId -Because "the message was: $($err.Exception.Message)"
        ($id -split ',')[0] | Should -Not -Match '(Exception|^System\.|^Microsoft\.)' -Because 'an error id is never a .NET exception type'
        "$($err.CategoryInfo.Category)" | Should -Be $case.Category
        $message = $err.Exception.Message
        foreach ($pattern in @($case.Message)) { $message | Should -Match $pattern }
        $message | Should -Not -Match '\bSystem\.[A-Za-z.]*Exception\b|Object reference not set|Collection was modified|Exception of type' -Because 'the message says what is wrong, not which .NET exception was thrown'
        $message.Length | Should -BeLessThan 1500 -Because 'a message never quotes a whole file or JSON text'
        if ($case.Target) { Get-Rendering $err.TargetObject | Should -Match $case.Target -Because 'the target is the offending object' }
    }
}

AfterAll {
    $script:session.Dispose()
}

Describe 'Fault battery' {
    It '<Name>' -ForEach $cases {
        if ($Skip) { Set-ItResult -Skipped -Because $Skip; return }
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive $Case.Id) -Force
        $expect = if ($Case.Expect) { $Case.Expect } else { 'Error' }
        $seconds = if ($Case.Seconds) { $Case.Seconds } else { 30 }
        $stopAfter = if ($Case.StopAfter) { $Case.StopAfter } else { 0 }
        $failures = [System.Collections.Generic.List[string]]::new()
        try {
            $run = Invoke-InSession 'Invoke-BatteryCase' @{ Run = $Case.Run; Check = $Case.Check; Folder = $folder.FullName } $seconds $stopAfter $folder.FullName
            if ($expect -eq 'Stopped') {
                $run.Stopped | Should -BeTrue -Because 'the case should still be running when it is stopped'
            }
            else {
                $result = @($run.Output)[-1]
                if (-not $result) { throw "the case returned nothing$(if ($run.Errors) { ': ' + ($run.Errors | Out-String) })" }
                switch ($expect) {
                    'Error' {
                        $result.Error | Should -Not -BeNullOrEmpty -Because "the case should stop with a terminating error (it printed: $($result.Output | Out-String)$($result.Errors | Out-String))"
                        Assert-CleanError $result.Error $Case
                    }
                    'NonTerminating' {
                        $result.Error | Should -BeNullOrEmpty -Because "the case should go on after its error: $($result.Error)"
                        $result.Errors | Should -Not -BeNullOrEmpty -Because 'the case should report a non-terminating error'
                        Assert-CleanError $result.Errors[0] $Case
                    }
                    'Warning' {
                        $result.Error | Should -BeNullOrEmpty -Because "the case should warn, not fail: $($result.Error)"
                        $result.Errors | Should -BeNullOrEmpty
                        ($result.Warnings -join "`n") | Should -Not -BeNullOrEmpty -Because 'the case should warn'
                        foreach ($pattern in @($Case.Message)) { ($result.Warnings -join "`n") | Should -Match $pattern }
                    }
                    'Success' {
                        $result.Error | Should -BeNullOrEmpty -Because "the case should run cleanly: $($result.Error) $($result.Error.FullyQualifiedErrorId)"
                        $result.Errors | Should -BeNullOrEmpty
                        foreach ($pattern in @($Case.Message)) { ($result.Output | Out-String) | Should -Match $pattern }
                    }
                }
                Find-NaN $result.Output | Should -BeNullOrEmpty -Because 'no case prints a silent NaN'
                if ($Case.Check) {
                    $result.CheckError | Should -BeNullOrEmpty
                    $result.Check | Should -BeTrue -Because "its check should hold: $($Case.Check)"
                }
            }
        }
        catch {
            $failures.Add("$_")
        }
        # Whatever the case did, the session must still be usable.
        try {
            $probe = Invoke-InSession 'Test-BatterySession' @{} 30
            if ($probe.Errors) { $failures.Add("the session is not usable afterwards: $($probe.Errors | Out-String)") }
            elseif (@($probe.Output)[-1] -ne $true) { $failures.Add('the session is not usable afterwards') }
        }
        catch {
            $failures.Add("the session is not usable afterwards: $_")
        }
        $skipped = @($failures | Where-Object { $_ -match 'SKIP: ' })
        if ($skipped) { Set-ItResult -Skipped -Because (($skipped[0] -split 'SKIP: ')[1]); return }
        if ($failures.Count -and $Case.Known) {
            Set-ItResult -Skipped -Because "KNOWN: $($Case.Known) | $($failures -join ' | ')"
            return
        }
        $failures -join "`n" | Should -BeNullOrEmpty
    }
}
