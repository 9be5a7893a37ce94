System.Console.WriteLine("partnerkarte: commands arrive with the sync issue.");
return 0;
