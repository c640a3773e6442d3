
resource "aws_subnet" "ea" {
  vpc_id               = aws_vpc.main.id
  cidr_block           = "10.0.11.0/24"
  availability_zone_id = "usw2-az1"
}

resource "aws_subnet" "eb" {
  vpc_id               = aws_vpc.main.id
  cidr_block           = "10.0.12.0/24"
  availability_zone_id = "usw2-az2"
}
